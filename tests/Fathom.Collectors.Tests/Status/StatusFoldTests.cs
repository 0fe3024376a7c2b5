using Fathom.Collectors.Status;

namespace Fathom.Collectors.Tests.Status;

public sealed class StatusFoldTests
{
    // Worst first, as issue 13 writes the order.
    private static readonly string[] OperWorstFirst = ["unknown", "down", "degraded", "up"];
    private static readonly string[] AdminWorstFirst = ["unknown", "underrepair", "troubleshooting", "maintenance", "normaloperation"];

    public static TheoryData<string, string, string> OperPairs() => Pairs(OperWorstFirst);

    public static TheoryData<string, string, string> AdminPairs() => Pairs(AdminWorstFirst);

    private static TheoryData<string, string, string> Pairs(string[] worstFirst)
    {
        var data = new TheoryData<string, string, string>();
        for (var i = 0; i < worstFirst.Length; i++)
        {
            for (var j = 0; j < worstFirst.Length; j++)
            {
                data.Add(worstFirst[i], worstFirst[j], worstFirst[Math.Min(i, j)]);
            }
        }

        return data;
    }

    private static OperState Oper(string word) => StatusWords.TryOper(word, out var s) ? s : throw new ArgumentException(word);

    private static AdminState Admin(string word) => StatusWords.TryAdmin(word, out var s) ? s : throw new ArgumentException(word);

    [Theory]
    [MemberData(nameof(OperPairs))]
    public void Fold_TwoOperAgents_WorstWins(string a, string b, string expected)
    {
        var (oper, admin) = StatusFold.Fold([new(Oper(a), null), new(Oper(b), null)]);

        Assert.Equal(expected, StatusWords.Word(oper));
        Assert.Null(admin);
    }

    [Theory]
    [MemberData(nameof(AdminPairs))]
    public void Fold_TwoAdminAgents_WorstWinsAndOperUnknown(string a, string b, string expected)
    {
        var (oper, admin) = StatusFold.Fold([new(null, Admin(a)), new(null, Admin(b))]);

        Assert.Equal(expected, StatusWords.Word(admin!.Value));
        Assert.Equal(OperState.Unknown, oper);
    }

    [Theory]
    [MemberData(nameof(OperPairs))]
    public void Fold_OperAdminAgentAndOperAgent_OperFoldedAdminFromTheOnlyAdminReporter(string a, string b, string expected)
    {
        var (oper, admin) = StatusFold.Fold([new(Oper(a), AdminState.Maintenance), new(Oper(b), null)]);

        Assert.Equal(expected, StatusWords.Word(oper));
        Assert.Equal(AdminState.Maintenance, admin);
    }

    [Theory]
    [InlineData("oper", "unknown", "normaloperation")]
    [InlineData("admin", "up", "unknown")]
    [InlineData("oper/admin", "unknown", "unknown")]
    public void Fold_FailedAgent_UnknownForItsKindsOnly(string statusType, string oper, string admin)
    {
        Assert.True(StatusWords.TryKinds(statusType, out var kinds));

        var folded = StatusFold.Fold([new(OperState.Up, AdminState.NormalOperation), AgentReading.Failed(kinds, "boom")]);

        Assert.Equal((oper, admin), (StatusWords.Word(folded.Oper), StatusWords.Word(folded.Admin!.Value)));
    }

    [Fact]
    public void Fold_NoReadings_OperUnknownNoAdmin()
    {
        Assert.Equal((OperState.Unknown, (AdminState?)null), StatusFold.Fold([]));
    }

    [Fact]
    public void Words_EveryState_RoundTripsInAnyCase()
    {
        foreach (var s in Enum.GetValues<OperState>())
        {
            Assert.Equal(s, Oper(StatusWords.Word(s).ToUpperInvariant()));
        }

        foreach (var s in Enum.GetValues<AdminState>())
        {
            Assert.Equal(s, Admin(StatusWords.Word(s)));
        }

        Assert.False(StatusWords.TryOper("normal", out _));
        Assert.False(StatusWords.TryAdmin("up", out _));
        Assert.False(StatusWords.TryKinds("both", out _));
    }
}
