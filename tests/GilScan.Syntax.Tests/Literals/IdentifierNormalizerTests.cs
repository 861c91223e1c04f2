using GilScan.Syntax.Literals;

namespace GilScan.Syntax.Tests.Literals;

public sealed class IdentifierNormalizerTests
{
    [Fact]
    public void Ascii_identifier_is_returned_as_the_same_instance()
    {
        string name = "snake_case_1";
        IdentifierNormalizer.Normalize(name).ShouldBeSameAs(name);
    }

    [Fact]
    public void Non_ascii_identifiers_are_nfkc_normalized()
    {
        IdentifierNormalizer.Normalize("ﬁle").ShouldBe("file");
        IdentifierNormalizer.Normalize("ℌ").ShouldBe("H");
        IdentifierNormalizer.Normalize("e\u0301").ShouldBe("é");
        IdentifierNormalizer.Normalize("µ").ShouldBe("μ");
    }
}
