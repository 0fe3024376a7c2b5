using Fathom.Core.Configuration;

namespace Fathom.Core.Tests.Configuration;

internal sealed record ProbeSettings(int Port, ConfigLocation? Location);
