import tool.engine
