namespace Fathom.IntegrationTests;

internal static class Sig
{
    public const int Hup = 1;
    public const int Int = 2;
    public const int Kill = 9;
    public const int Term = 15;
}
