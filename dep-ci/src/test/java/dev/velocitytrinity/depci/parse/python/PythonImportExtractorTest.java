package dev.velocitytrinity.depci.parse.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.velocitytrinity.depci.parse.ImportKind;
import dev.velocitytrinity.depci.parse.SourceImport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PythonImportExtractorTest {

  private final PythonImportExtractor extractor = new PythonImportExtractor();

  @AfterEach
  void close() {
    extractor.close();
  }

  private List<SourceImport> extract(String source) {
    return extractor.extract("m.py", source.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void extract_plainAndFromAndRelativeImports_findModulesAndNames() {
    String source =
        """
        import a.b.c, d as e
        from x.y import z, w as v
        from . import sibling
        from ..pkg.mod import *
        from __future__ import annotations
        """;

    assertThat(extract(source))
        .extracting(SourceImport::specifier, SourceImport::names)
        .containsExactly(
            tuple("a.b.c", List.of()),
            tuple("d", List.of()),
            tuple("x.y", List.of("z", "w")),
            tuple(".", List.of("sibling")),
            tuple("..pkg.mod", List.of("*")));
  }

  @Test
  void extract_typeCheckingBlock_marksTypeButNotElseBranch() {
    String source =
        """
        import typing
        if typing.TYPE_CHECKING:
            from models import Model
        else:
            import runtime
        """;

    assertThat(extract(source))
        .extracting(SourceImport::specifier, SourceImport::kind)
        .containsExactly(
            tuple("typing", ImportKind.STATIC),
            tuple("models", ImportKind.TYPE),
            tuple("runtime", ImportKind.STATIC));
  }

  @Test
  void extract_importInsideFunctionOrMethod_isDynamic() {
    String source =
        """
        def f():
            import lazy
        class C:
            def m(self):
                from pkg import thing
        """;

    assertThat(extract(source))
        .extracting(SourceImport::kind)
        .containsExactly(ImportKind.DYNAMIC, ImportKind.DYNAMIC);
  }

  @Test
  void extract_nonAsciiBeforeImport_reportsCharacterColumn() {
    assertThat(extract("s = 'ü😀'; import os\n"))
        .singleElement()
        .satisfies(i -> assertThat(i.column()).isEqualTo(18));
  }

  @Test
  void extract_importWordInStringOrComment_findsNothing() {
    assertThat(extract("# import os\ns = 'from x import y'\n")).isEmpty();
  }
}
