/*
 * gilscan's Python lexer (Python 3.8 - 3.14), written from the Python Language Reference,
 * "Lexical analysis", and from observing CPython 3.13's tokenizer.
 *
 * This grammar only describes the context-free tokens. Everything that depends on state lives in
 * src/GilScan.Syntax/Lexing/PythonLexerBase.cs (see grammars/README.md for the token contract):
 *   - NEWLINE / INDENT / DEDENT: this grammar matches every physical '\n'; the base class keeps
 *     only logical line ends at bracket depth 0 and synthesises INDENT / DEDENT from the leading
 *     whitespace of each logical line (tabs to multiples of 8, form feed resets, TabError).
 *   - bracket depth (nested-parentheses limit, mismatched and unmatched brackets);
 *   - the literal parts of f-strings and t-strings (FSTRING_MIDDLE, FSTRING_END) and their format
 *     specs, which the base class scans by hand; this grammar only matches their start tokens;
 *   - error checks that need context: numbers followed by identifier characters, invalid
 *     characters, unterminated strings.
 *
 * Input contract: line ends are '\n' only. PythonTokenizer / PythonSyntaxParser translate
 * "\r\n" and "\r" to "\n" first, as CPython does.
 */
lexer grammar PythonLexer;

options {
    superClass = PythonLexerBase;
}

@header {
using GilScan.Syntax.Lexing;
}

tokens {
    INDENT,
    DEDENT,
    FSTRING_MIDDLE,
    FSTRING_END
}

// ---------------------------------------------------------------------------------------------
// Keywords. Hard keywords first; the soft keywords 'match', 'case' and 'type' get their own
// token types too, and the parser's `name` rule accepts them wherever an identifier may appear.
// ('_' is an ordinary NAME; the AST builder treats a bare '_' pattern as the wildcard.)
// ---------------------------------------------------------------------------------------------
FALSE    : 'False';
NONE     : 'None';
TRUE     : 'True';
AND      : 'and';
AS       : 'as';
ASSERT   : 'assert';
ASYNC    : 'async';
AWAIT    : 'await';
BREAK    : 'break';
CLASS    : 'class';
CONTINUE : 'continue';
DEF      : 'def';
DEL      : 'del';
ELIF     : 'elif';
ELSE     : 'else';
EXCEPT   : 'except';
FINALLY  : 'finally';
FOR      : 'for';
FROM     : 'from';
GLOBAL   : 'global';
IF       : 'if';
IMPORT   : 'import';
IN       : 'in';
IS       : 'is';
LAMBDA   : 'lambda';
NONLOCAL : 'nonlocal';
NOT      : 'not';
OR       : 'or';
PASS     : 'pass';
RAISE    : 'raise';
RETURN   : 'return';
TRY      : 'try';
WHILE    : 'while';
WITH     : 'with';
YIELD    : 'yield';

MATCH    : 'match';
CASE     : 'case';
TYPE     : 'type';

// ---------------------------------------------------------------------------------------------
// Identifiers (PEP 3131): XID_Start or '_', then XID_Continue. NFKC normalisation is the AST
// builder's job. A character that can start no token at all falls through to ERROR_CHAR.
// ---------------------------------------------------------------------------------------------
NAME : ID_START ID_CONTINUE*;

fragment ID_START    : [_\p{XID_Start}];
fragment ID_CONTINUE : [\p{XID_Continue}];   // includes ASCII letters, digits and '_'

// ---------------------------------------------------------------------------------------------
// Numbers. One token type; the value is decoded later. Invalid forms (leading zeros, trailing
// '_', '1a', '0b2', ...) are detected by the base class when a NUMBER is directly followed by an
// identifier character, with CPython's messages.
// ---------------------------------------------------------------------------------------------
NUMBER
    : DEC_INTEGER
    | ZERO_INTEGER
    | HEX_INTEGER
    | OCT_INTEGER
    | BIN_INTEGER
    | FLOAT_NUMBER
    | IMAG_NUMBER
    ;

fragment DIGIT_PART     : [0-9] ('_'? [0-9])*;
fragment DEC_INTEGER    : [1-9] ('_'? [0-9])*;
fragment ZERO_INTEGER   : '0' ('_'? '0')*;
fragment HEX_INTEGER    : '0' [xX] ('_'? [0-9a-fA-F])+;
fragment OCT_INTEGER    : '0' [oO] ('_'? [0-7])+;
fragment BIN_INTEGER    : '0' [bB] ('_'? [01])+;
fragment POINT_FLOAT    : DIGIT_PART? '.' DIGIT_PART | DIGIT_PART '.';
fragment EXPONENT_FLOAT : (DIGIT_PART | POINT_FLOAT) [eE] [+-]? DIGIT_PART;
fragment FLOAT_NUMBER   : POINT_FLOAT | EXPONENT_FLOAT;
fragment IMAG_NUMBER    : (FLOAT_NUMBER | DIGIT_PART) [jJ];

// ---------------------------------------------------------------------------------------------
// Strings and bytes (every prefix except f/t, any case). The token text is the raw source,
// prefix and quotes included; escapes are decoded later. A backslash-newline inside a
// single-quoted string is a continuation and stays in the text.
// ---------------------------------------------------------------------------------------------
STRING
    : STRING_PREFIX? ( SHORT_STRING_SQ | SHORT_STRING_DQ | LONG_STRING_SQ | LONG_STRING_DQ )
    ;

// A single-quoted string that reaches the end of its line (or of the file) without its closing
// quote. Always shorter than a terminated STRING, so it only wins when the string is broken.
UNTERMINATED_STRING
    : STRING_PREFIX? ( '\'' SHORT_SQ_CHAR* | '"' SHORT_DQ_CHAR* )
    ;

// A triple-quoted string without its closing quotes: runs to the end of the file and never
// passes over three quotes in a row, so a terminated LONG string is always longer.
UNTERMINATED_LONG_STRING
    : STRING_PREFIX? ( '\'\'\'' LONG_SQ_RUN* ( '\'' | '\'\'' )? | '"""' LONG_DQ_RUN* ( '"' | '""' )? )
    ;

fragment STRING_PREFIX   : [rRuUbB] | [bB] [rR] | [rR] [bB];
fragment SHORT_STRING_SQ : '\'' SHORT_SQ_CHAR* '\'';
fragment SHORT_STRING_DQ : '"' SHORT_DQ_CHAR* '"';
fragment SHORT_SQ_CHAR   : ~[\\'\n] | '\\' .;
fragment SHORT_DQ_CHAR   : ~[\\"\n] | '\\' .;
fragment LONG_STRING_SQ  : '\'\'\'' LONG_CHAR*? '\'\'\'';
fragment LONG_STRING_DQ  : '"""' LONG_CHAR*? '"""';
fragment LONG_CHAR       : ~'\\' | '\\' .;
fragment LONG_SQ_RUN     : ( '\'' | '\'\'' )? ( ~[\\'] | '\\' . );
fragment LONG_DQ_RUN     : ( '"' | '""' )? ( ~[\\"] | '\\' . );

// f-strings (PEP 701) and t-strings (PEP 750): only the start token is matched here; the base
// class scans the literal parts itself and emits FSTRING_MIDDLE, LBRACE ... RBRACE replacement
// fields (lexed by this grammar), and FSTRING_END. T-strings share FSTRING_MIDDLE/FSTRING_END.
FSTRING_START : [fF] [rR]? QUOTE_OPEN | [rR] [fF] QUOTE_OPEN;
TSTRING_START : [tT] [rR]? QUOTE_OPEN | [rR] [tT] QUOTE_OPEN;

fragment QUOTE_OPEN : '\'' | '"' | '\'\'\'' | '"""';

// ---------------------------------------------------------------------------------------------
// Operators and delimiters (CPython's token names).
// ---------------------------------------------------------------------------------------------
LPAR             : '(';
RPAR             : ')';
LSQB             : '[';
RSQB             : ']';
LBRACE           : '{';
RBRACE           : '}';
COLON            : ':';
COLONEQUAL       : ':=';
COMMA            : ',';
SEMI             : ';';
PLUS             : '+';
MINUS            : '-';
STAR             : '*';
SLASH            : '/';
VBAR             : '|';
AMPER            : '&';
LESS             : '<';
GREATER          : '>';
EQUAL            : '=';
DOT              : '.';
PERCENT          : '%';
EQEQUAL          : '==';
NOTEQUAL         : '!=';
LESSEQUAL        : '<=';
GREATEREQUAL     : '>=';
TILDE            : '~';
CIRCUMFLEX       : '^';
LEFTSHIFT        : '<<';
RIGHTSHIFT       : '>>';
DOUBLESTAR       : '**';
PLUSEQUAL        : '+=';
MINEQUAL         : '-=';
STAREQUAL        : '*=';
SLASHEQUAL       : '/=';
PERCENTEQUAL     : '%=';
AMPEREQUAL       : '&=';
VBAREQUAL        : '|=';
CIRCUMFLEXEQUAL  : '^=';
LEFTSHIFTEQUAL   : '<<=';
RIGHTSHIFTEQUAL  : '>>=';
DOUBLESTAREQUAL  : '**=';
DOUBLESLASH      : '//';
DOUBLESLASHEQUAL : '//=';
AT               : '@';
ATEQUAL          : '@=';
RARROW           : '->';
ELLIPSIS         : '...';
EXCLAMATION      : '!';

// ---------------------------------------------------------------------------------------------
// Layout. NEWLINE is every physical line end; the base class drops the ones that are not
// logical line ends. Comments and backslash continuations reach the base class, which records
// or checks them and drops them; spaces, tabs and form feeds are skipped here.
// ---------------------------------------------------------------------------------------------
NEWLINE           : '\n';
COMMENT           : '#' ~'\n'*;
WHITESPACE        : [ \t\f]+ -> skip;
LINE_CONTINUATION : '\\' '\n';

// A backslash not followed by a line end, and any character that starts no token: the base
// class turns these into CPython's errors ('$', '?' and '`' become an operator token the parser
// rejects, as in CPython).
STRAY_BACKSLASH : '\\';
ERROR_CHAR      : .;
