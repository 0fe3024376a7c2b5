using Fathom.Api.Metrics;

namespace Fathom.Api.Tests.Metrics;

public sealed class MetricsNegotiationTests
{
    [Theory]
    // What Prometheus 2.x sends by default.
    [InlineData("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1", true)]
    // Prometheus 3 with its escaping parameter.
    [InlineData("application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.1", true)]
    [InlineData("application/openmetrics-text", true)]
    [InlineData("Application/OpenMetrics-Text; Version=\"1.0.0\"", true)]
    [InlineData("text/plain;version=0.0.4;q=0.9, application/openmetrics-text;q=0.5", false)]
    [InlineData("text/plain, application/openmetrics-text", false)]
    [InlineData("application/openmetrics-text, text/plain", true)]
    [InlineData("*/*, application/openmetrics-text", true)]
    [InlineData("application/openmetrics-text;q=0, */*", false)]
    [InlineData("application/openmetrics-text;version=0.0.1", false)]
    [InlineData("application/openmetrics-text;q=abc", false)]
    [InlineData("application/json", false)]
    [InlineData("*/*", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Choose_AcceptHeader_PicksTheFormat(string? accept, bool openMetrics) =>
        Assert.Equal(openMetrics ? ExpositionFormat.OpenMetrics : ExpositionFormat.Text, MetricsNegotiation.Choose(accept));
}
