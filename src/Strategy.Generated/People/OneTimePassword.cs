using System.Security.Cryptography;

namespace Strategy.Generated;

/// <summary>A new person's first password: random, from a cryptographic source, with every kind of character a password policy may ask for.</summary>
internal static class OneTimePassword
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "!#%+-=?@^_";

    public static string Create(int length = 24)
    {
        var all = Upper + Lower + Digits + Symbols;
        using var random = RandomNumberGenerator.Create();
        var chars = new char[length];
        string[] required = [Upper, Lower, Digits, Symbols];
        for (var i = 0; i < length; i++)
        {
            var from = i < required.Length ? required[i] : all;
            chars[i] = from[Next(random, from.Length)];
        }

        // The required kinds were written first; shuffle them in.
        for (var i = length - 1; i > 0; i--)
        {
            var j = Next(random, i + 1);
            (chars[i], chars[j]) = (chars[j], chars[i]);
        }

        return new string(chars);
    }

    /// <summary>A uniform number below <paramref name="bound"/> (rejection sampling, no modulo bias).</summary>
    private static int Next(RandomNumberGenerator random, int bound)
    {
        var bytes = new byte[4];
        var limit = uint.MaxValue - (uint.MaxValue % (uint)bound);
        uint value;
        do
        {
            random.GetBytes(bytes);
            value = BitConverter.ToUInt32(bytes, 0);
        }
        while (value >= limit);
        return (int)(value % (uint)bound);
    }
}
