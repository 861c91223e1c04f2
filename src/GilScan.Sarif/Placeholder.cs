namespace GilScan.Sarif; internal static class Placeholder { }
