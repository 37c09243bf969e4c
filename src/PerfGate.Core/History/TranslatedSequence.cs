using System.Collections;
using Microsoft.Data.Sqlite;

namespace PerfGate.Core.History;

/// <summary>
/// A lazily read sequence whose storage errors surface as <see cref="HistoryException"/> like every other store call
/// (an iterator cannot catch around <c>yield return</c>, so the translation wraps <c>MoveNext</c>).
/// </summary>
internal sealed class TranslatedSequence<T>(IEnumerable<T> source, SqliteHistoryStore store) : IEnumerable<T>
{
    public IEnumerator<T> GetEnumerator() => new Enumerator(source.GetEnumerator(), store);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Enumerator(IEnumerator<T> inner, SqliteHistoryStore store) : IEnumerator<T>
    {
        public T Current => inner.Current;

        object? IEnumerator.Current => Current;

        public bool MoveNext()
        {
            try
            {
                return inner.MoveNext();
            }
            catch (SqliteException exception)
            {
                throw store.Translate(exception);
            }
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose() => inner.Dispose();
    }
}
