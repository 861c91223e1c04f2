namespace GilScan.Syntax.Text;

/// <summary>The text a codec produced, or CPython's message for why it could not.</summary>
internal readonly record struct CodecOutcome(string? Text, string? ErrorMessage)
{
    public static CodecOutcome Decoded(string text) => new(text, null);

    public static CodecOutcome Failed(string message) => new(null, message);
}

/// <summary>One codec of Python's <c>encodings</c> package, decoding strictly as Python does.</summary>
internal abstract class PythonCodec
{
    protected PythonCodec(string name) => Name = name;

    /// <summary>Python's name for the codec (<c>CodecInfo.name</c>).</summary>
    public string Name { get; }

    /// <param name="input">The bytes to decode.</param>
    /// <param name="requestedName">The name the cookie used, which some of CPython's messages quote.</param>
    public abstract CodecOutcome Decode(ReadOnlySpan<byte> input, string requestedName);
}
