/*
 * gilscan's Python parser (Python 3.8 - 3.14 as CPython 3.13/3.14 accepts it), written from the
 * Python Language Reference and the facts in CPython's PEG grammar.
 *
 * Shape rules (see grammars/README.md for the full contract the AST builder relies on):
 *   - The grammar accepts a superset of Python where that keeps decisions LL(1) for ANTLR's SLL
 *     prediction: assignment targets, keyword-argument names, walrus targets, parameter order,
 *     mixing dict and set items, ... are parsed as expressions and checked by the AST builder.
 *     It never rejects valid Python.
 *   - Every token stays in the tree (parentheses, operators, commas), so node positions can be
 *     computed from the start/stop tokens of contexts.
 *   - Soft keywords are tokens (MATCH, CASE, TYPE); wherever an identifier may appear the
 *     grammar accepts NAME | MATCH | CASE | TYPE.
 *   - No semantic predicates and no actions.
 */
parser grammar PythonParser;

options {
    tokenVocab = PythonLexer;
    superClass = PythonParserBase;
}

@header {
using GilScan.Syntax.Parsing;
}

// =============================================================================================
// Module and statements
// =============================================================================================

file_input
    : statement* EOF
    ;

statement
    : compound_stmt
    | simple_stmts
    ;

simple_stmts
    : simple_stmt (SEMI simple_stmt)* SEMI? NEWLINE
    ;

simple_stmt
    : star_expressions
      ( COLON expression (EQUAL (yield_expr | star_expressions))?   // annotated assignment
      | augassign (yield_expr | star_expressions)                    // augmented assignment
      | (EQUAL (yield_expr | star_expressions))*                     // expression statement / assignment chain
      )                                                                 # exprStmt
    | RETURN star_expressions?                                          # returnStmt
    | IMPORT dotted_as_names                                            # importStmt
    | FROM import_from_module IMPORT import_targets                     # importFromStmt
    | RAISE (expression (FROM expression)?)?                            # raiseStmt
    | PASS                                                              # passStmt
    | DEL star_targets                                                  # delStmt
    | yield_expr                                                        # yieldStmt
    | ASSERT expression (COMMA expression)?                             # assertStmt
    | BREAK                                                             # breakStmt
    | CONTINUE                                                          # continueStmt
    | GLOBAL name (COMMA name)*                                         # globalStmt
    | NONLOCAL name (COMMA name)*                                       # nonlocalStmt
    | TYPE name type_params? EQUAL expression                           # typeAliasStmt
    ;

augassign
    : PLUSEQUAL | MINEQUAL | STAREQUAL | ATEQUAL | SLASHEQUAL | PERCENTEQUAL | AMPEREQUAL
    | VBAREQUAL | CIRCUMFLEXEQUAL | LEFTSHIFTEQUAL | RIGHTSHIFTEQUAL | DOUBLESTAREQUAL
    | DOUBLESLASHEQUAL
    ;

// ---------------------------------------------------------------------------------------------
// Imports
// ---------------------------------------------------------------------------------------------

dotted_as_names
    : dotted_as_name (COMMA dotted_as_name)*
    ;

dotted_as_name
    : dotted_name (AS name)?
    ;

dotted_name
    : name (DOT name)*
    ;

// Leading dots of a relative import; '...' is one ELLIPSIS token worth three dots.
import_from_module
    : (DOT | ELLIPSIS)* dotted_name
    | (DOT | ELLIPSIS)+
    ;

import_targets
    : STAR
    | LPAR import_as_names COMMA? RPAR
    | import_as_names
    ;

import_as_names
    : import_as_name (COMMA import_as_name)*
    ;

import_as_name
    : name (AS name)?
    ;

// =============================================================================================
// Compound statements
// =============================================================================================

compound_stmt
    : IF named_expression COLON block elif_clause* else_block?                       # ifStmt
    | WHILE named_expression COLON block else_block?                                 # whileStmt
    | ASYNC? FOR star_targets IN star_expressions COLON block else_block?            # forStmt
    | TRY COLON block ( except_clause+ else_block? finally_block? | finally_block )  # tryStmt
    | ASYNC? WITH with_items COLON block                                             # withStmt
    | function_def                                                                   # functionStmt
    | class_def                                                                      # classStmt
    | decorator+ (function_def | class_def)                                          # decoratedStmt
    | MATCH subject COLON NEWLINE INDENT case_block+ DEDENT                          # matchStmt
    ;

block
    : NEWLINE INDENT statement+ DEDENT
    | simple_stmts
    ;

elif_clause
    : ELIF named_expression COLON block
    ;

else_block
    : ELSE COLON block
    ;

finally_block
    : FINALLY COLON block
    ;

// 'except* E', and PEP 758's unparenthesised 'except A, B:' (the builder rejects 'as' after a
// bare tuple and a mix of 'except' and 'except*').
except_clause
    : EXCEPT STAR? (expression (COMMA expression)* COMMA? (AS name)?)? COLON block
    ;

// 'with (a, b):' has two items, as in CPython: the parenthesised alternative is listed first
// and ANTLR resolves the ambiguity with the tuple expression in its favour.
with_items
    : LPAR with_item (COMMA with_item)* COMMA? RPAR
    | with_item (COMMA with_item)*
    ;

with_item
    : expression (AS star_target)?
    ;

decorator
    : AT named_expression NEWLINE
    ;

function_def
    : ASYNC? DEF name type_params? LPAR parameters? RPAR (RARROW expression)? COLON block
    ;

class_def
    : CLASS name type_params? (LPAR arguments? RPAR)? COLON block
    ;

// ---------------------------------------------------------------------------------------------
// Parameters: one flat list; the builder checks order ('/', '*', '**'), defaults and duplicates.
// ---------------------------------------------------------------------------------------------

parameters
    : parameter (COMMA parameter)* COMMA?
    ;

parameter
    : name (COLON expression)? (EQUAL expression)?          # plainParameter
    | STAR (name (COLON star_expression)?)?                 # starParameter
    | DOUBLESTAR name (COLON expression)?                   # doubleStarParameter
    | SLASH                                                 # slashParameter
    ;

lambda_parameters
    : lambda_parameter (COMMA lambda_parameter)* COMMA?
    ;

lambda_parameter
    : name (EQUAL expression)?                              # plainLambdaParameter
    | STAR name?                                            # starLambdaParameter
    | DOUBLESTAR name                                       # doubleStarLambdaParameter
    | SLASH                                                 # slashLambdaParameter
    ;

// PEP 695 type parameters with PEP 696 defaults.
type_params
    : LSQB type_param (COMMA type_param)* COMMA? RSQB
    ;

type_param
    : name (COLON expression)? (EQUAL expression)?          # typeVarParameter
    | STAR name (EQUAL star_expression)?                    # typeVarTupleParameter
    | DOUBLESTAR name (EQUAL expression)?                   # paramSpecParameter
    ;

// ---------------------------------------------------------------------------------------------
// match statement
// ---------------------------------------------------------------------------------------------

subject
    : star_named_expression (COMMA star_named_expression)* COMMA?
    ;

case_block
    : CASE patterns (IF named_expression)? COLON block
    ;

// An open sequence pattern ('case a, *b:') or a single pattern.
patterns
    : maybe_star_pattern (COMMA maybe_star_pattern)* COMMA?
    ;

maybe_star_pattern
    : STAR name                                             # starPattern
    | pattern                                               # plainPattern
    ;

pattern
    : closed_pattern (VBAR closed_pattern)* (AS name)?
    ;

closed_pattern
    : signed_number ((PLUS | MINUS) NUMBER)?                # numberPattern
    | strings                                               # stringPattern
    | (NONE | TRUE | FALSE)                                 # singletonPattern
    // capture ('x'), wildcard ('_'), value ('a.b') or class pattern ('a.B(...)')
    | name (DOT name)* (LPAR pattern_arguments? RPAR)?      # namePattern
    | LPAR patterns? RPAR                                   # groupOrTuplePattern
    | LSQB patterns? RSQB                                   # listPattern
    | LBRACE mapping_items? RBRACE                          # mappingPattern
    ;

signed_number
    : MINUS? NUMBER
    ;

mapping_items
    : mapping_item (COMMA mapping_item)* COMMA?
    ;

mapping_item
    : DOUBLESTAR name                                       # restMappingItem
    | mapping_key COLON pattern                             # keyMappingItem
    ;

mapping_key
    : signed_number ((PLUS | MINUS) NUMBER)?
    | strings
    | NONE | TRUE | FALSE
    | name (DOT name)*
    ;

pattern_arguments
    : pattern_argument (COMMA pattern_argument)* COMMA?
    ;

pattern_argument
    : name EQUAL pattern                                    # keywordPatternArgument
    | pattern                                               # positionalPatternArgument
    ;

// =============================================================================================
// Expressions
// =============================================================================================

// Elements are 'STAR expr' or 'expression', inlined (no element context) because these lists
// are everywhere: the builder reads a STAR token followed by an expr as a starred element.
star_expressions
    : (STAR expr | expression) (COMMA (STAR expr | expression))* COMMA?
    ;

star_expression
    : STAR expr
    | expression
    ;

star_named_expression
    : STAR expr
    | expression (COLONEQUAL expression)?
    ;

// 'x := value'; the builder checks that the target is a plain name.
named_expression
    : expression (COLONEQUAL expression)?
    ;

// A conditional expression or lambda, with the boolean layer inlined: one flat list of operands
// separated by 'and' / 'or', each operand being 'not'* followed by a comparison chain
// (expr (comp_op expr)*). The builder applies the precedence (or < and < not < comparison).
// Keeping this flat (instead of one rule per level, or a left-recursive rule) saves a context
// and two predictions per expression, which is a large share of the parse time.
expression
    : NOT* expr (comp_op expr)* ((AND | OR) NOT* expr (comp_op expr)*)* (IF disjunction ELSE expression)?
    | lambdef
    ;

// The same boolean layer without a conditional: the condition of a conditional expression and
// the iterable and conditions of a comprehension.
disjunction
    : NOT* expr (comp_op expr)* ((AND | OR) NOT* expr (comp_op expr)*)*
    ;

lambdef
    : LAMBDA lambda_parameters? COLON expression
    ;

yield_expr
    : YIELD (FROM expression | star_expressions)?
    ;

comp_op
    : LESS | GREATER | EQEQUAL | GREATEREQUAL | LESSEQUAL | NOTEQUAL
    | IN | NOT IN | IS NOT?
    ;

// Bitwise, arithmetic, unary, power, await and primaries, highest precedence first.
expr
    : expr DOT attr=(NAME | MATCH | CASE | TYPE)                        # attributeExpr
    | expr LPAR arguments? RPAR                                         # callExpr
    | expr LSQB slices RSQB                                             # subscriptExpr
    | AWAIT expr                                                        # awaitExpr
    | <assoc = right> expr DOUBLESTAR expr                              # powerExpr
    | op=(PLUS | MINUS | TILDE) expr                                    # unaryExpr
    | expr op=(STAR | SLASH | DOUBLESLASH | PERCENT | AT) expr          # termExpr
    | expr op=(PLUS | MINUS) expr                                       # sumExpr
    | expr op=(LEFTSHIFT | RIGHTSHIFT) expr                             # shiftExpr
    | expr AMPER expr                                                   # bitAndExpr
    | expr CIRCUMFLEX expr                                              # bitXorExpr
    | expr VBAR expr                                                    # bitOrExpr
    | (NAME | MATCH | CASE | TYPE)                                      # nameAtom
    | NUMBER                                                            # numberAtom
    | (STRING | fstring | tstring)+                                     # stringAtom
    | (NONE | TRUE | FALSE)                                             # singletonAtom
    | ELLIPSIS                                                          # ellipsisAtom
    | LPAR (yield_expr | testlist_comp)? RPAR                           # parenAtom
    | LSQB testlist_comp? RSQB                                          # listAtom
    | LBRACE dict_or_set? RBRACE                                        # dictOrSetAtom
    ;

// Tuple / list contents or a single comprehension element.
testlist_comp
    : star_named_expression (comp_for | (COMMA star_named_expression)* COMMA?)
    ;

// Dict and set displays share one rule; the builder rejects a mix of the two.
dict_or_set
    : dict_or_set_item (comp_for | (COMMA dict_or_set_item)* COMMA?)
    ;

dict_or_set_item
    : DOUBLESTAR expr                                       # dictUnpackItem
    | STAR expr                                             # setStarItem
    | named_expression (COLON expression)?                  # keyValueOrSetItem
    ;

comp_for
    : comp_clause+
    ;

comp_clause
    : ASYNC? FOR star_targets IN disjunction (IF disjunction)*
    ;

// Call arguments: 'name=value' and a sole generator argument parse as 'expression ...'; the
// builder checks that a keyword is a plain name and that a generator is the only argument.
arguments
    : argument (COMMA argument)* COMMA?
    ;

argument
    : STAR expression
    | DOUBLESTAR expression
    | expression ( COLONEQUAL expression | EQUAL expression | comp_for )?
    ;

slices
    : slice (COMMA slice)* COMMA?
    ;

slice
    : STAR expr                                             # starSlice
    | named_expression slice_tail?                          # plainSlice
    | slice_tail                                            # lowerlessSlice
    ;

slice_tail
    : COLON expression? (COLON expression?)?
    ;

// Assignment, 'for' and 'del' targets: parsed as expressions at bitwise-or level (so 'in' ends
// them) and checked by the builder.
star_targets
    : star_target (COMMA star_target)* COMMA?
    ;

star_target
    : STAR? expr
    ;

// ---------------------------------------------------------------------------------------------
// Strings: implicit concatenation of plain strings, bytes, f-strings and t-strings (the builder
// rejects bytes mixed with str, and t-strings mixed with anything else). The stringAtom
// alternative of expr inlines the same list to save a context per string expression.
// ---------------------------------------------------------------------------------------------

strings
    : (STRING | fstring | tstring)+
    ;

fstring
    : FSTRING_START fstring_middle* FSTRING_END
    ;

tstring
    : TSTRING_START fstring_middle* FSTRING_END
    ;

fstring_middle
    : FSTRING_MIDDLE
    | fstring_replacement_field
    ;

fstring_replacement_field
    : LBRACE (yield_expr | star_expressions) EQUAL? (EXCLAMATION name)? (COLON fstring_middle*)? RBRACE
    ;

name
    : NAME | MATCH | CASE | TYPE
    ;
