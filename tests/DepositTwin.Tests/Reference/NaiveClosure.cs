namespace DepositTwin.Tests.Reference;

/// <summary>
/// Obviously-right references for the maximum-weight closure (the ultimate pit): enumeration of every block
/// subset for tiny models, and a textbook Edmonds–Karp maximum flow on the explicit graph for small ones.
/// </summary>
public static class NaiveClosure
{
    /// <summary>The best value over all closed subsets (predecessors[b] must be in whenever b is).</summary>
    public static double BruteForce(double[] values, IReadOnlyList<IReadOnlyList<int>> predecessors)
    {
        int n = values.Length;
        if (n > 20)
        {
            throw new ArgumentException("Brute force is for at most 20 blocks.");
        }

        double best = 0;
        for (int mask = 0; mask < 1 << n; mask++)
        {
            bool closed = true;
            double value = 0;
            for (int b = 0; b < n && closed; b++)
            {
                if ((mask & (1 << b)) != 0)
                {
                    value += values[b];
                    closed = predecessors[b].All(p => (mask & (1 << p)) != 0);
                }
            }

            if (closed)
            {
                best = Math.Max(best, value);
            }
        }

        return best;
    }

    /// <summary>Σ positive values − maximum flow of the closure network (source → positive blocks, negative blocks → sink, arcs b → p of infinite capacity).</summary>
    public static long EdmondsKarp(long[] values, IReadOnlyList<IReadOnlyList<int>> predecessors)
    {
        int n = values.Length, source = n, sink = n + 1;
        var capacity = new Dictionary<(int, int), long>();
        var adjacent = Enumerable.Range(0, n + 2).Select(_ => new HashSet<int>()).ToArray();
        void Arc(int u, int v, long c)
        {
            capacity[(u, v)] = capacity.GetValueOrDefault((u, v)) + c;
            capacity.TryAdd((v, u), 0);
            adjacent[u].Add(v);
            adjacent[v].Add(u);
        }

        long positive = 0;
        for (int b = 0; b < n; b++)
        {
            if (values[b] > 0)
            {
                Arc(source, b, values[b]);
                positive += values[b];
            }
            else if (values[b] < 0)
            {
                Arc(b, sink, -values[b]);
            }

            foreach (int p in predecessors[b])
            {
                Arc(b, p, long.MaxValue / 4);
            }
        }

        long flow = 0;
        while (true)
        {
            var parent = new int[n + 2];
            Array.Fill(parent, -1);
            parent[source] = source;
            var queue = new Queue<int>([source]);
            while (queue.Count > 0 && parent[sink] < 0)
            {
                int u = queue.Dequeue();
                foreach (int v in adjacent[u])
                {
                    if (parent[v] < 0 && capacity[(u, v)] > 0)
                    {
                        parent[v] = u;
                        queue.Enqueue(v);
                    }
                }
            }

            if (parent[sink] < 0)
            {
                return positive - flow;
            }

            long bottleneck = long.MaxValue;
            for (int v = sink; v != source; v = parent[v])
            {
                bottleneck = Math.Min(bottleneck, capacity[(parent[v], v)]);
            }

            for (int v = sink; v != source; v = parent[v])
            {
                capacity[(parent[v], v)] -= bottleneck;
                capacity[(v, parent[v])] += bottleneck;
            }

            flow += bottleneck;
        }
    }
}
