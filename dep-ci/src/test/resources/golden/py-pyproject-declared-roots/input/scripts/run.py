from tool import cli
