using GilScan.Syntax.Ast;

namespace GilScan.Analysis.Tests.TestRules;

/// <summary>The name a call is made by: 'f' for f(), 'g' for x.g(), '?' otherwise.</summary>
internal static class CallNames
{
    public static string Of(Call call) => call.Func switch
    {
        Name name => name.Id,
        GilScan.Syntax.Ast.Attribute attribute => attribute.Attr,
        _ => "?",
    };
}
