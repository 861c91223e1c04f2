using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace GilScan.Cli;

/// <summary>
/// The command-line parser's errors in the words of a Python user: "--jobs expects a whole number,
/// not 'abc'" rather than .NET type names, and the allowed choices on one line.
/// </summary>
internal static partial class ParseErrors
{
    public static string Describe(ParseError error)
    {
        var option = OptionOf(error.SymbolResult);
        var message = error.Message;
        if (CannotParse().Match(message) is { Success: true } parse)
        {
            var type = parse.Groups["type"].Value;
            var kind = type.Contains("Int32", StringComparison.Ordinal) ? "a whole number"
                : type.Contains("Double", StringComparison.Ordinal) ? "a number"
                : "another kind of value";
            return $"{parse.Groups["option"].Value} expects {kind}, not '{parse.Groups["value"].Value}'";
        }

        if (NotRecognised().Match(message) is { Success: true } choice)
        {
            var choices = Quoted().Matches(choice.Groups["rest"].Value).Select(m => m.Groups[1].Value);
            var what = option is null ? string.Empty : option + ": ";
            return $"{what}'{choice.Groups["value"].Value}' is not one of {string.Join(", ", choices)}";
        }

        if (Unrecognised().Match(message) is { Success: true } unknown)
        {
            return $"unknown option or argument '{unknown.Groups["value"].Value}'";
        }

        if (MissingValue().Match(message) is { Success: true } missing)
        {
            return $"{missing.Groups["option"].Value} needs a value";
        }

        return message;
    }

    private static string? OptionOf(SymbolResult? result)
    {
        for (var current = result; current is not null; current = current.Parent)
        {
            if (current is OptionResult optionResult)
            {
                return optionResult.Option.Name;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'\.?$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^Argument '(?<value>.*?)' not recognized\. Must be one of:(?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex NotRecognised();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^Unrecognized command or argument '(?<value>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex Unrecognised();

    [GeneratedRegex(@"^Required argument missing for option: '(?<option>[^']+)'\.?$", RegexOptions.Singleline)]
    private static partial Regex MissingValue();
}
