namespace GilScan.Semantics;

/// <summary>
/// <c>foreach</c> over an <see cref="IReadOnlyList{T}"/> allocates a boxed enumerator; the walkers
/// do that millions of times on a large project. <c>foreach (var x in list.Each())</c> enumerates by
/// index with a struct enumerator instead.
/// </summary>
internal static class ListIteration
{
    public static IndexedList<T> Each<T>(this IReadOnlyList<T> list) => new(list);

    public readonly struct IndexedList<T>(IReadOnlyList<T> list)
    {
        public Enumerator GetEnumerator() => new(list);

        public struct Enumerator(IReadOnlyList<T> list)
        {
            private int _index = -1;

            public readonly T Current => list[_index];

            public bool MoveNext() => ++_index < list.Count;
        }
    }
}
