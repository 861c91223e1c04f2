namespace GilScan.Syntax; public static class Placeholder {}
