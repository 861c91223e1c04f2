// CPython's node names Attribute and Tuple collide with System.Attribute and System.Tuple, which the
// implicit usings import; inside the semantic model the AST's meaning wins.
global using Attribute = GilScan.Syntax.Ast.Attribute;
global using Tuple = GilScan.Syntax.Ast.Tuple;
global using GilScan.Syntax.Ast;
