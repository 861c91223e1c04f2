namespace GilScan.Semantics.Project;

/// <summary>Dotted module names: identifiers, parents, and relative-import resolution as
/// importlib does it (<c>importlib._bootstrap._resolve_name</c>).</summary>
public static class ModuleNames
{
    /// <summary>The package that holds <paramref name="moduleName"/>; "" for a top-level module.</summary>
    public static string Parent(string moduleName)
    {
        var dot = moduleName.LastIndexOf('.');
        return dot < 0 ? "" : moduleName[..dot];
    }

    public static string Join(string left, string right) =>
        left.Length == 0 ? right : right.Length == 0 ? left : left + "." + right;

    /// <summary>The last dotted part: "c" for "a.b.c".</summary>
    public static string LastPart(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[(dot + 1)..];
    }

    /// <summary>
    /// The absolute module named by <c>from {'.' * level}{module} import ...</c> written in
    /// <paramref name="currentModule"/>. A package's <c>__init__</c> is its own anchor (level 1 means the
    /// package itself); a plain module's anchor is its parent package. Null when the import climbs above
    /// the top-level package, or when a top-level module uses a relative import (CPython raises
    /// "attempted relative import with no known parent package").
    /// </summary>
    public static string? ResolveRelative(string currentModule, bool currentIsPackage, int level, string? module)
    {
        if (level <= 0) return module;
        var anchor = currentIsPackage ? currentModule : Parent(currentModule);
        for (var i = 1; i < level; i++)
        {
            if (anchor.Length == 0) return null;
            anchor = Parent(anchor);
        }
        if (anchor.Length == 0) return null;
        return string.IsNullOrEmpty(module) ? anchor : anchor + "." + module;
    }

    /// <summary>True when <paramref name="text"/> can be one part of a dotted import name.</summary>
    public static bool IsIdentifier(string text)
    {
        if (text.Length == 0) return false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = c == '_' || char.IsLetter(c) || (i > 0 && char.IsDigit(c)) || (c > 0x7f && i > 0 && char.IsLetterOrDigit(c));
            if (!ok) return false;
        }
        return true;
    }
}
