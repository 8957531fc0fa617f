@echo off
rem @APP_NAME@ launcher for Windows (generated; edit distribution/src/bin/launcher.cmd).
rem Runs on the Java in JAVA_HOME, else java on PATH (17 or newer). VT_JAVA_OPTS adds JVM options.
setlocal
set "APP_HOME=%~dp0.."
set "APP_JAR=%APP_HOME%\lib\@APP_JAR@"
if defined JAVA_HOME (
  set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA_EXE=java.exe"
)
if not exist "%APP_JAR%" (
  echo @APP_NAME@: error: %APP_JAR% is missing; rebuild with mvnw.cmd -q -DskipTests package 1>&2
  exit /b 3
)
"%JAVA_EXE%" @JVM_FLAGS@ "-Dvt.home=%APP_HOME%" %VT_JAVA_OPTS% -jar "%APP_JAR%" %*
exit /b %ERRORLEVEL%
