namespace GilScan.Dependencies.Markers;

/// <summary>
/// Parses PEP 508 environment markers (the dependency-specifier spec's grammar: <c>or</c> binds looser
/// than <c>and</c>, parentheses group, comparisons of variables and quoted strings with the version
/// operators, <c>in</c> and <c>not in</c>). Variables are those of the spec, PEP 751's <c>extras</c> and
/// <c>dependency_groups</c>, and PEP 780's <c>sys_abi_features</c>; the legacy dotted spellings
/// (<c>os.name</c>, <c>sys.platform</c>, <c>platform.machine</c>, …) that old metadata still carries are
/// read as their PEP 508 names.
/// </summary>
public static class MarkerParser
{
    private static readonly string[] Operators = ["===", "==", "!=", "<=", ">=", "~=", "<", ">"];

    public static bool TryParse(string text, out Marker marker, out string? error)
    {
        marker = null!;
        error = null;
        var reader = new Reader(text);
        try
        {
            var parsed = reader.ParseOr();
            reader.SkipSpaces();
            if (!reader.AtEnd)
            {
                throw new FormatException($"unexpected '{reader.Rest}'");
            }

            marker = parsed;
            return true;
        }
        catch (FormatException exception)
        {
            error = $"invalid marker '{text.Trim()}': {exception.Message}";
            return false;
        }
    }

    public static Marker Parse(string text) => TryParse(text, out var marker, out var error) ? marker : throw new FormatException(error);

    private sealed class Reader(string text)
    {
        private int _position;

        public bool AtEnd => _position >= text.Length;

        public string Rest => text[_position..];

        public Marker ParseOr()
        {
            var start = Start();
            var left = ParseAnd();
            while (TryKeyword("or"))
            {
                var right = ParseAnd();
                left = new OrMarker(left, right) { Text = Slice(start) };
            }

            return left;
        }

        private Marker ParseAnd()
        {
            var start = Start();
            var left = ParseAtom();
            while (TryKeyword("and"))
            {
                var right = ParseAtom();
                left = new AndMarker(left, right) { Text = Slice(start) };
            }

            return left;
        }

        private Marker ParseAtom()
        {
            SkipSpaces();
            if (!AtEnd && text[_position] == '(')
            {
                _position++;
                var inner = ParseOr();
                SkipSpaces();
                if (AtEnd || text[_position] != ')')
                {
                    throw new FormatException("missing ')'");
                }

                _position++;
                return inner;
            }

            var start = Start();
            var left = ParseValue();
            var op = ParseOperator();
            var right = ParseValue();
            return new ComparisonMarker(left, op, right) { Text = Slice(start) };
        }

        private MarkerValue ParseValue()
        {
            SkipSpaces();
            if (AtEnd)
            {
                throw new FormatException("expected a variable or a quoted string");
            }

            var quote = text[_position];
            if (quote is '\'' or '"')
            {
                var close = text.IndexOf(quote, _position + 1);
                if (close < 0)
                {
                    throw new FormatException("unterminated string");
                }

                var value = text[(_position + 1)..close];
                _position = close + 1;
                return new MarkerValue(value, false);
            }

            var begin = _position;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '_' or '.'))
            {
                _position++;
            }

            var name = text[begin.._position];
            if (name.Length == 0)
            {
                throw new FormatException($"expected a variable or a quoted string at '{Rest}'");
            }

            var canonical = MarkerEnvironment.CanonicalVariable(name)
                ?? throw new FormatException($"'{name}' is not a marker variable");
            return new MarkerValue(canonical, true);
        }

        private string ParseOperator()
        {
            SkipSpaces();
            foreach (var op in Operators)
            {
                if (string.CompareOrdinal(text, _position, op, 0, op.Length) == 0)
                {
                    _position += op.Length;
                    return op;
                }
            }

            if (TryKeyword("in"))
            {
                return "in";
            }

            if (TryKeyword("not"))
            {
                if (!TryKeyword("in"))
                {
                    throw new FormatException("'not' must be followed by 'in'");
                }

                return "not in";
            }

            throw new FormatException($"expected an operator at '{Rest}'");
        }

        private bool TryKeyword(string keyword)
        {
            SkipSpaces();
            var end = _position + keyword.Length;
            if (end <= text.Length && string.CompareOrdinal(text, _position, keyword, 0, keyword.Length) == 0
                && (end == text.Length || !(char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')))
            {
                _position = end;
                return true;
            }

            return false;
        }

        public void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        private int Start()
        {
            SkipSpaces();
            return _position;
        }

        private string Slice(int start) => text[start.._position].Trim();
    }
}
