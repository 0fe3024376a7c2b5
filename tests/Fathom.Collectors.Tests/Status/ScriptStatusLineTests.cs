using Fathom.Collectors.Status;

namespace Fathom.Collectors.Tests.Status;

public sealed class ScriptStatusLineTests
{
    [Theory]
    [InlineData("1700000000,up", "oper", "up", null)]
    [InlineData("1700000000.25, DOWN", "oper", "down", null)]
    [InlineData("1700000000,maintenance", "admin", null, "maintenance")]
    [InlineData("1700000000,degraded,underrepair", "oper/admin", "degraded", "underrepair")]
    [InlineData("1700000000,unknown,unknown", "oper/admin", "unknown", "unknown")]
    public void TryParse_GoodLine_Reading(string line, string statusType, string? oper, string? admin)
    {
        Assert.True(StatusWords.TryKinds(statusType, out var kinds));

        Assert.True(ScriptStatusLine.TryParse(line, kinds, out var reading, out var error), error);
        Assert.Equal(oper, reading.Oper is { } o ? StatusWords.Word(o) : null);
        Assert.Equal(admin, reading.Admin is { } a ? StatusWords.Word(a) : null);
        Assert.Null(reading.Failure);
    }

    [Theory]
    [InlineData("1700000000,up,normaloperation", "oper", "3 field(s) where status_type oper needs time,status")]
    [InlineData("1700000000,up", "oper/admin", "2 field(s) where status_type oper/admin needs time,oper,admin")]
    [InlineData("up", "oper", "1 field(s)")]
    [InlineData("yesterday,up", "oper", "invalid time 'yesterday'")]
    [InlineData("-5,up", "oper", "invalid time '-5'")]
    [InlineData("1700000000,sideways", "oper", "unknown operational state 'sideways' (one of up, degraded, down, unknown)")]
    [InlineData("1700000000,normal", "admin", "unknown administrative state 'normal'")]
    [InlineData("1700000000,up,broken", "oper/admin", "unknown administrative state 'broken'")]
    public void TryParse_BadLine_ClearError(string line, string statusType, string expected)
    {
        Assert.True(StatusWords.TryKinds(statusType, out var kinds));

        Assert.False(ScriptStatusLine.TryParse(line, kinds, out _, out var error));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }
}
