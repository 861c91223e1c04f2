using GilScan.Sarif.Fingerprints;

namespace GilScan.Sarif.Tests;

public sealed class StableFingerprintTests
{
    [Fact]
    public void Fingerprint_is_sha256_of_the_nul_joined_fields_cut_to_128_bits()
    {
        var expected = Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData("GIL101\0app/worker.py\0symbol:app.worker.work\00"u8)).Substring(0, 32);

        StableFingerprint.Compute("GIL101", "app/worker.py", "symbol:app.worker.work", 0).ShouldBe(expected);
        expected.Length.ShouldBe(32);
    }

    [Fact]
    public void Every_field_changes_the_fingerprint()
    {
        var fingerprints = new[]
        {
            StableFingerprint.Compute("GIL101", "a.py", "k", 0),
            StableFingerprint.Compute("GIL102", "a.py", "k", 0),
            StableFingerprint.Compute("GIL101", "b.py", "k", 0),
            StableFingerprint.Compute("GIL101", "a.py", "j", 0),
            StableFingerprint.Compute("GIL101", "a.py", "k", 1),
        };

        fingerprints.ShouldBeUnique();
    }

    [Fact]
    public void Normalising_code_removes_all_white_space()
    {
        StableFingerprint.NormaliseCode("  pool.map( f,\n\t items )\r\n").ShouldBe("pool.map(f,items)");
    }
}
