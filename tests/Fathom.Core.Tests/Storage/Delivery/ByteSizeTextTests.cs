using Fathom.Core.Storage.Delivery;

namespace Fathom.Core.Tests.Storage.Delivery;

public sealed class ByteSizeTextTests
{
    [Theory]
    [InlineData("1024", 1024L)]
    [InlineData("64K", 65536L)]
    [InlineData("512M", 512L << 20)]
    [InlineData("2G", 2L << 30)]
    [InlineData("1.5g", 3L << 29)]
    [InlineData("2GB", 2L << 30)]
    public void TryParse_Sizes_Bytes(string text, long bytes)
    {
        Assert.True(ByteSizeText.TryParse(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5M")]
    [InlineData("5Q")]
    [InlineData("M")]
    public void TryParse_Bad_False(string text) => Assert.False(ByteSizeText.TryParse(text, out _));

    [Theory]
    [InlineData("sqlite", "/var/lib/fathom/archive.db", "sqlite-var-lib-fathom-archive.db")]
    [InlineData("postgresql", "postgresql://fathom@db.example.org:5432/fathom", "postgresql-postgresql-fathom-db.example.org-5432-fathom")]
    public void Derive_TypeAndTarget_StableFolderName(string type, string target, string name) => Assert.Equal(name, TargetNames.Derive(type, target));

    [Fact]
    public void Derive_LongTarget_CutWithAStableHash()
    {
        var target = "/" + new string('a', 200);

        var name = TargetNames.Derive("sqlite", target);

        Assert.Equal(80, name.Length);
        Assert.Equal(name, TargetNames.Derive("sqlite", target));
        Assert.NotEqual(name, TargetNames.Derive("sqlite", target + "b"));
        Assert.True(TargetNames.IsValid(name));
    }
}
