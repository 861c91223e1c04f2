using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace GilScan.Confirmation.Running;

/// <summary>
/// Runs one program under a time limit and ends it cleanly: on timeout or cancellation the whole
/// process group goes (SIGKILL to the group, then the process tree as .NET sees it, for a program that
/// was killed before it could make its own group). It never throws for anything the program does.
/// </summary>
public sealed class ProcessGroupRunner
{
    private static readonly TimeSpan ReapWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DrainWait = TimeSpan.FromSeconds(2);

    public async Task<ProcessOutcome> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var info = new ProcessStartInfo(request.FileName)
        {
            WorkingDirectory = request.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        foreach (var argument in request.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in request.Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using var process = new Process { StartInfo = info };
        var clock = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Exception error) when (error is Win32Exception or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return new ProcessOutcome(ProcessEnd.FailedToStart, null, "", "", clock.Elapsed, error.Message);
        }

        // Nothing is ever typed into a harness; a closed stdin turns a stray input() into an error, not a hang.
        process.StandardInput.Close();
        using var drain = new CancellationTokenSource();
        var output = new TailCapture(request.MaxCapturedChars).ReadAsync(process.StandardOutput, drain.Token);
        var errors = new TailCapture(Math.Min(request.MaxCapturedChars, 64 * 1024)).ReadAsync(process.StandardError, drain.Token);

        var end = ProcessEnd.Exited;
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            limit.CancelAfter(request.Timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                end = cancellationToken.IsCancellationRequested ? ProcessEnd.Cancelled : ProcessEnd.TimedOut;
                KillEverything(process);
                await WaitBounded(process.WaitForExitAsync(), ReapWait);
            }
        }

        var elapsed = clock.Elapsed;
        drain.CancelAfter(DrainWait);
        var standardOutput = await output;
        var standardError = await errors;
        int? exitCode = process.HasExited ? process.ExitCode : null;
        return new ProcessOutcome(end, exitCode, standardOutput, standardError, elapsed, ProcessId: process.Id);
    }

    private static void KillEverything(Process process)
    {
        ProcessGroups.Kill(process.Id);
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception error) when (error is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone: the group kill did it.
        }
    }

    private static async Task WaitBounded(Task task, TimeSpan bound)
    {
        try
        {
            await task.WaitAsync(bound);
        }
        catch (TimeoutException)
        {
        }
    }
}
