using System.Collections.Immutable;
using System.Text.Json;
using GilScan.Confirmation.Harness;
using GilScan.Confirmation.Running;

namespace GilScan.Confirmation.Interpreters;

/// <summary>
/// Finds the interpreters a confirmation runs under, and identifies each by running it once
/// (identify.py with <c>-I</c>). The project's interpreter comes first: the first <c>--python</c>, else
/// the project's <c>.venv</c>, else <c>python3</c> on PATH. Then the other named ones, then any of
/// <see cref="ExtraNames"/> on PATH. Two names for the same environment (a pyenv shim and its target)
/// count once. Nothing is ever downloaded or installed.
/// </summary>
public sealed class InterpreterDiscovery(ProcessGroupRunner runner)
{
    /// <summary>Interpreters worth comparing with: free-threaded CPython builds and PyPy.</summary>
    public static ImmutableArray<string> ExtraNames { get; } = ["python3.13t", "python3.14t", "pypy3"];

    public async Task<DiscoveryResult> DiscoverAsync(DiscoveryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = ImmutableArray.CreateBuilder<string>();
        var found = ImmutableArray.CreateBuilder<InterpreterIdentity>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, origin) in Candidates(request, problems))
        {
            var identity = await IdentifyAsync(name, origin, request, cancellationToken);
            if (identity.Identity is null)
            {
                if (identity.Problem is not null)
                {
                    problems.Add(identity.Problem);
                }

                continue;
            }

            if (seen.Add($"{identity.Identity.Executable}\n{identity.Identity.Prefix}"))
            {
                found.Add(identity.Identity);
            }
        }

        return new DiscoveryResult(found.ToImmutable(), problems.ToImmutable());
    }

    private static IEnumerable<(string Command, InterpreterOrigin Origin)> Candidates(DiscoveryRequest request, ImmutableArray<string>.Builder problems)
    {
        foreach (var named in request.Named)
        {
            var path = ExecutableSearch.Find(named, request.SearchPath);
            if (path is null)
            {
                problems.Add($"--python '{named}' is not an executable file or a program on PATH.");
                continue;
            }

            yield return (path, InterpreterOrigin.Named);
        }

        if (request.Named.IsEmpty)
        {
            var venv = ProjectEnvironmentPython(request.ProjectRoot);
            if (venv is not null)
            {
                yield return (venv, InterpreterOrigin.ProjectEnvironment);
            }
            else if (ExecutableSearch.Find("python3", request.SearchPath) is { } python3)
            {
                yield return (python3, InterpreterOrigin.PathPython);
            }
            else
            {
                problems.Add("No project interpreter: no --python, no .venv in the project, and no python3 on PATH.");
            }
        }

        if (request.FindOthers)
        {
            foreach (var extra in ExtraNames)
            {
                if (ExecutableSearch.Find(extra, request.SearchPath) is { } path)
                {
                    yield return (path, InterpreterOrigin.FoundOnPath);
                }
            }
        }
    }

    private static string? ProjectEnvironmentPython(string projectRoot)
    {
        string[] candidates = OperatingSystem.IsWindows()
            ? [Path.Combine(projectRoot, ".venv", "Scripts", "python.exe")]
            : [Path.Combine(projectRoot, ".venv", "bin", "python3"), Path.Combine(projectRoot, ".venv", "bin", "python")];
        return candidates.Select(c => ExecutableSearch.Find(Path.GetFullPath(c), null)).FirstOrDefault(c => c is not null);
    }

    private async Task<(InterpreterIdentity? Identity, string? Problem)> IdentifyAsync(
        string command, InterpreterOrigin origin, DiscoveryRequest request, CancellationToken cancellationToken)
    {
        var outcome = await runner.RunAsync(new ProcessRequest
        {
            FileName = command,
            Arguments = ["-I", "-c", HarnessScript.Resource("interpreters/identify.py")],
            WorkingDirectory = Directory.Exists(request.ProjectRoot) ? request.ProjectRoot : Environment.CurrentDirectory,
            Environment = ImmutableSortedDictionary<string, string?>.Empty.Add("PYTHON_GIL", null),
            Timeout = request.Timeout,
        }, cancellationToken);

        if (!outcome.Succeeded)
        {
            // A pyenv shim for a version that is not installed fails here; on PATH that is not news.
            var detail = outcome.End switch
            {
                ProcessEnd.TimedOut => $"did not answer within {HarnessOutput.Seconds(request.Timeout.TotalSeconds)}",
                ProcessEnd.FailedToStart => $"could not be started ({outcome.StartError})",
                _ => $"exited with code {outcome.ExitCode}" + (outcome.ErrorTail(1) is { Length: > 0 } tail ? $": {tail}" : ""),
            };
            return (null, origin == InterpreterOrigin.FoundOnPath ? null : $"'{command}' is not a usable Python interpreter: it {detail}.");
        }

        try
        {
            using var document = JsonDocument.Parse(outcome.StandardOutput.Trim());
            var root = document.RootElement;
            return (new InterpreterIdentity
            {
                Command = command,
                Executable = root.GetProperty("executable").GetString() ?? command,
                Prefix = root.GetProperty("prefix").GetString() ?? "",
                Implementation = root.GetProperty("implementation").GetString() ?? "unknown",
                Version = root.GetProperty("version").GetString() ?? "",
                ImplementationVersion = root.GetProperty("implementationVersion").GetString() ?? "",
                GilDisabledBuild = root.GetProperty("gilDisabledBuild").GetBoolean(),
                GilEnabledAtStart = root.GetProperty("gilEnabled").ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => null,
                },
                Origin = origin,
            }, null);
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, $"'{command}' did not describe itself as a Python interpreter: {error.Message}");
        }
    }
}
