using System.Text;

namespace GilScan.Confirmation.Running;

/// <summary>
/// Reads a stream to its end, keeping only its last characters: a harness that prints megabytes must
/// neither block on a full pipe nor fill gilscan's memory.
/// </summary>
internal sealed class TailCapture(int maxChars)
{
    private readonly StringBuilder _text = new();

    public async Task<string> ReadAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var buffer = new char[8192];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
            {
                _text.Append(buffer, 0, read);
                if (_text.Length > 2 * maxChars)
                {
                    _text.Remove(0, _text.Length - maxChars);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // A process outside the group still holds the pipe open: keep what arrived.
        }
        catch (IOException)
        {
        }

        return Text;
    }

    public string Text => _text.Length > maxChars ? _text.ToString(_text.Length - maxChars, maxChars) : _text.ToString();
}
