namespace GilScan.Analysis.Discovery;

/// <summary>
/// What discovery skips unless <c>exclude</c> replaces it: version-control and tool folders, virtual
/// environments, build outputs and installed packages, the same list ruff skips by default, plus
/// <c>__pycache__</c> and gilscan's own cache. <c>extend-exclude</c> adds to it.
/// </summary>
public static class DefaultExcludes
{
    public static IReadOnlyList<string> Patterns { get; } =
    [
        ".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".gilscan_cache", ".hg", ".ipynb_checkpoints",
        ".mypy_cache", ".nox", ".pants.d", ".pyenv", ".pytest_cache", ".pytype", ".ruff_cache", ".svn",
        ".tox", ".venv", ".vscode", "__pycache__", "__pypackages__", "_build", "buck-out", "build", "dist",
        "node_modules", "site-packages", "venv",
    ];
}
