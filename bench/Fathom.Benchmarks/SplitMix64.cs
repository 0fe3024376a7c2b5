namespace Fathom.Benchmarks;

/// <summary>The same random indices as bench/pcp-timer (splitmix64, seed 42), made before timing.</summary>
internal static class SplitMix64
{
    public static int[] Indices(int count, int bound, ulong seed = 42)
    {
        var state = seed;
        var result = new int[count];
        for (var i = 0; i < result.Length; i++)
        {
            var z = state += 0x9e3779b97f4a7c15UL;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
            z ^= z >> 31;
            result[i] = (int)((z >> 32) % (ulong)bound);
        }

        return result;
    }
}
