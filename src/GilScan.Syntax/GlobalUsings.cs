// CPython's node names Attribute and Tuple collide with System.Attribute and System.Tuple, which the
// implicit usings import; the AST's meaning wins inside the front end.
global using Attribute = GilScan.Syntax.Ast.Attribute;
global using Tuple = GilScan.Syntax.Ast.Tuple;
