namespace GilScan.Testing;

/// <summary>A markup test whose findings differ from the marks; the message lists both sides.</summary>
public sealed class VerificationException(string message) : Exception(message);
