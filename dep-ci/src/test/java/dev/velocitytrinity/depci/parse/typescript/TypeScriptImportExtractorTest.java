package dev.velocitytrinity.depci.parse.typescript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.velocitytrinity.depci.parse.ImportKind;
import dev.velocitytrinity.depci.parse.SourceImport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TypeScriptImportExtractorTest {

  private final TypeScriptImportExtractor extractor = new TypeScriptImportExtractor();

  @AfterEach
  void close() {
    extractor.close();
  }

  private List<SourceImport> extract(String fileName, String source) {
    return extractor.extract(fileName, source.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void extract_everyImportForm_findsSpecifierAndKind() {
    String source =
        """
        /// <reference path="./globals.d.ts" />
        import a from './static';
        import type { T } from './types';
        import './side';
        export * from './all';
        export { x } from './named';
        export type { Y } from './type-only';
        import eq = require('./equals');
        const lazy = () => import('./lazy');
        const r = require('./required');
        """;

    assertThat(extract("main.ts", source))
        .extracting(SourceImport::specifier, SourceImport::kind)
        .containsExactly(
            tuple("./globals.d.ts", ImportKind.REFERENCE),
            tuple("./static", ImportKind.STATIC),
            tuple("./types", ImportKind.TYPE),
            tuple("./side", ImportKind.STATIC),
            tuple("./all", ImportKind.RE_EXPORT),
            tuple("./named", ImportKind.RE_EXPORT),
            tuple("./type-only", ImportKind.TYPE),
            tuple("./equals", ImportKind.REQUIRE),
            tuple("./lazy", ImportKind.DYNAMIC),
            tuple("./required", ImportKind.REQUIRE));
  }

  @Test
  void extract_nonAsciiBeforeImport_reportsCharacterColumn() {
    List<SourceImport> imports = extract("main.ts", "const s = 'é😀'; import x from './x';\n");

    assertThat(imports)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.specifier()).isEqualTo("./x");
              assertThat(i.line()).isEqualTo(1);
              // "const s = 'é😀'; import x from " is 30 characters (the emoji is one code point).
              assertThat(i.column()).isEqualTo(31);
            });
  }

  @Test
  void extract_nonAsciiSpecifier_keepsItIntact() {
    assertThat(extract("main.ts", "// ünïcödé\nimport x from './dössier/ñ😀';\n"))
        .extracting(SourceImport::specifier)
        .containsExactly("./dössier/ñ😀");
  }

  @Test
  void extract_keywordsInStringsAndComments_findNothing() {
    String source =
        "// import './commented';\nconst s = \"import './quoted'\";\nconst t = `require('./tpl')`;\n";

    assertThat(extract("main.ts", source)).isEmpty();
  }

  @Test
  void extract_nonLiteralDynamicImportOrOtherCall_isIgnored() {
    assertThat(extract("main.ts", "const m = import(name);\nfoo('./x');\nrequire(x);\n")).isEmpty();
  }

  @Test
  void extract_javascriptAndJsxAndTsx_useTheirGrammars() {
    assertThat(extract("a.js", "import x from './j';\nconst y = require('./k');\n"))
        .extracting(SourceImport::specifier)
        .containsExactly("./j", "./k");
    assertThat(extract("a.jsx", "import R from './r';\nexport const V = () => <div>{R}</div>;\n"))
        .extracting(SourceImport::specifier)
        .containsExactly("./r");
    assertThat(extract("a.tsx", "import R from './r';\nconst v = <T,>(x: T) => <div>{x}</div>;\n"))
        .extracting(SourceImport::specifier)
        .containsExactly("./r");
  }

  @Test
  void extract_syntaxErrorElsewhere_stillFindsImports() {
    assertThat(extract("main.ts", "import a from './a';\nconst = = ;\nimport b from './b';\n"))
        .extracting(SourceImport::specifier)
        .contains("./a", "./b");
  }

  @Test
  void extract_emptyFile_findsNothing() {
    assertThat(extract("empty.ts", "")).isEmpty();
  }
}
