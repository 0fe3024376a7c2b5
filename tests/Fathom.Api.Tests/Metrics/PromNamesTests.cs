using Fathom.Api.Metrics;

namespace Fathom.Api.Tests.Metrics;

public sealed class PromNamesTests
{
    [Theory]
    [InlineData("ping.rtt.avg", "ping_rtt_avg")]
    [InlineData("a-b:c", "a_b:c")]
    [InlineData("1st.value", "_1st_value")]
    [InlineData("héllo wörld", "h_llo_w_rld")]
    [InlineData("", "_")]
    public void MetricName_Raw_Sanitized(string raw, string expected) => Assert.Equal(expected, PromNames.MetricName(raw));

    [Theory]
    [InlineData("target", "target")]
    [InlineData("a:b", "a_b")]
    [InlineData("tag x", "tag_x")]
    [InlineData("9lives", "_9lives")]
    [InlineData("__name__", "tag__name__")]
    public void LabelName_Raw_Sanitized(string raw, string expected) => Assert.Equal(expected, PromNames.LabelName(raw));

    [Fact]
    public void EscapeLabelValue_BackslashQuoteNewline_Escaped() =>
        Assert.Equal(@"a\\b\""c\nd", PromNames.EscapeLabelValue("a\\b\"c\nd"));

    [Fact]
    public void EscapeHelp_Text_QuotesKept_OpenMetrics_QuotesEscaped()
    {
        Assert.Equal(@"say ""hi"" \\ \n", PromNames.EscapeHelp("say \"hi\" \\ \n", ExpositionFormat.Text));
        Assert.Equal(@"say \""hi\"" \\ \n", PromNames.EscapeHelp("say \"hi\" \\ \n", ExpositionFormat.OpenMetrics));
    }
}
