namespace DepositTwin.Planning;

/// <summary>
/// Hochbaum's pseudoflow algorithm (lowest-label variant) for the maximum-weight closure of a precedence
/// graph: the ultimate pit. Written here for closures: every precedence arc has infinite capacity, so the
/// only residual arcs outside the trees are the precedence arcs themselves, generated on the fly.
/// </summary>
/// <remarks>
/// Source and sink arcs are saturated at the start: a block's excess is its value. Blocks with excess are
/// strong roots (label 1), the others weak (label 0). The strong root of lowest label looks, depth-first in
/// its tree among nodes of its own label ℓ, for an arc to a weak node of label ℓ − 1; it merges there and pushes
/// its excess towards the weak root, splitting the tree where a tree arc cannot carry it. A node without such
/// an arc and without a child of its label is relabelled. When no node is left one label below the lowest
/// strong root (a gap), the blocks labelled at or above it are a minimum cut's source side: the optimal pit
/// (Hochbaum 2008, Operations Research 56(4); Chandran &amp; Hochbaum 2009).
/// Each node stores the flow on the tree arc to its parent and whether that arc points up (the node needs
/// its parent: residual ∞) or down (the parent needs the node: residual = flow).
/// </remarks>
internal static class Pseudoflow
{
    public static bool[] MinimumCut<TArcs>(long[] values, TArcs arcs, CancellationToken cancellationToken) where TArcs : IArcSource
    {
        var solver = new Solver<TArcs>(values, arcs);
        return solver.Run(cancellationToken);
    }

    private sealed class Solver<TArcs> where TArcs : IArcSource
    {
        private readonly TArcs _arcs;
        private readonly int _n;
        private readonly long[] _excess;
        private readonly int[] _label;
        private readonly int[] _parent, _firstChild, _nextSibling, _previousSibling, _nextScan, _nextArc, _bucketNext;
        private readonly long[] _flow;
        private readonly bool[] _up;
        private readonly int[] _bucketHead, _bucketTail, _labelCount;
        private int _lowest;

        public Solver(long[] values, TArcs arcs)
        {
            _arcs = arcs;
            _n = values.Length;
            _excess = (long[])values.Clone();
            _label = new int[_n];
            _parent = Filled(_n);
            _firstChild = Filled(_n);
            _nextSibling = Filled(_n);
            _previousSibling = Filled(_n);
            _nextScan = Filled(_n);
            _nextArc = new int[_n];
            _bucketNext = Filled(_n);
            _flow = new long[_n];
            _up = new bool[_n];
            _bucketHead = Filled(_n + 2);
            _bucketTail = Filled(_n + 2);
            _labelCount = new int[_n + 2];
        }

        private static int[] Filled(int n)
        {
            var a = new int[n];
            Array.Fill(a, -1);
            return a;
        }

        public bool[] Run(CancellationToken cancellationToken)
        {
            for (int v = 0; v < _n; v++)
            {
                _label[v] = _excess[v] > 0 ? 1 : 0;
                _labelCount[_label[v]]++;
                if (_excess[v] > 0)
                {
                    AddStrongRoot(v);
                }
            }

            _lowest = 1;
            long processed = 0;
            while (NextStrongRoot() is int root and >= 0)
            {
                if ((++processed & 0x3FFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                ProcessRoot(root);
            }

            var inPit = new bool[_n];
            for (int v = 0; v < _n; v++)
            {
                inPit[v] = _label[v] >= _lowest;
            }

            return inPit;
        }

        private void AddStrongRoot(int v)
        {
            // FIFO within a label.
            int l = _label[v];
            _bucketNext[v] = -1;
            if (_bucketHead[l] < 0)
            {
                _bucketHead[l] = v;
            }
            else
            {
                _bucketNext[_bucketTail[l]] = v;
            }

            _bucketTail[l] = v;
            _lowest = Math.Min(_lowest, l);
        }

        private int PopBucket(int l)
        {
            int v = _bucketHead[l];
            _bucketHead[l] = _bucketNext[v];
            _bucketNext[v] = -1;
            return v;
        }

        /// <summary>The strong root of lowest label; −1 at a gap or when no strong root is left (then the pit is empty).</summary>
        private int NextStrongRoot()
        {
            if (_lowest == 0)
            {
                // Weak roots that received excess become strong at label 1.
                while (_bucketHead[0] >= 0)
                {
                    int v = PopBucket(0);
                    _labelCount[0]--;
                    _label[v] = 1;
                    _labelCount[1]++;
                    AddStrongRoot(v);
                }

                _lowest = 1;
            }

            for (int l = _lowest; l <= _n; l++)
            {
                if (_bucketHead[l] >= 0)
                {
                    _lowest = l;
                    return _labelCount[l - 1] == 0 ? -1 : PopBucket(l);
                }
            }

            _lowest = int.MaxValue;
            return -1;
        }

        private void ProcessRoot(int root)
        {
            int wanted = _label[root] - 1;
            int s = root;
            _nextScan[s] = _firstChild[s];
            if (TryMerge(root, s, wanted))
            {
                return;
            }

            CheckChildren(s);
            while (s >= 0)
            {
                while (_nextScan[s] >= 0)
                {
                    int child = _nextScan[s];
                    _nextScan[s] = _nextSibling[child];
                    s = child;
                    _nextScan[s] = _firstChild[s];
                    if (TryMerge(root, s, wanted))
                    {
                        return;
                    }

                    CheckChildren(s);
                }

                s = _parent[s];
                if (s >= 0)
                {
                    CheckChildren(s);
                }
            }

            AddStrongRoot(root);
        }

        /// <summary>Looks for an arc from <paramref name="s"/> to a weak node one label below; merges and pushes when found.</summary>
        private bool TryMerge(int root, int s, int wanted)
        {
            int a = _arcs.Find(s, _nextArc[s], _label, wanted, out int weak);
            if (a < 0)
            {
                _nextArc[s] = _arcs.ArcCount(s);
                return false;
            }

            _nextArc[s] = a;
            Merge(weak, s);
            PushExcess(root);
            return true;
        }

        /// <summary>Moves the scan to the next child of the node's label; relabels the node when there is none.</summary>
        private void CheckChildren(int v)
        {
            for (int c = _nextScan[v]; c >= 0; c = _nextSibling[c])
            {
                if (_label[c] == _label[v])
                {
                    _nextScan[v] = c;
                    return;
                }
            }

            _nextScan[v] = -1;
            _labelCount[_label[v]]--;
            _label[v]++;
            _labelCount[_label[v]]++;
            _nextArc[v] = 0;
        }

        /// <summary>Re-roots the strong tree at <paramref name="strong"/> and hangs it under <paramref name="weak"/> by the arc strong → weak.</summary>
        private void Merge(int weak, int strong)
        {
            int current = strong, newParent = weak;
            bool newUp = true; // strong needs weak: pushing strong → weak runs along the arc
            long newFlow = 0;
            while (current >= 0)
            {
                int oldParent = _parent[current];
                bool oldUp = _up[current];
                long oldFlow = _flow[current];
                if (oldParent >= 0)
                {
                    RemoveChild(oldParent, current);
                }

                AddChild(newParent, current);
                _up[current] = newUp;
                _flow[current] = newFlow;

                // The arc to the old parent becomes the old parent's arc to this node, seen from the other end.
                newParent = current;
                newUp = !oldUp;
                newFlow = oldFlow;
                current = oldParent;
            }
        }

        /// <summary>Pushes the excess of the old strong root towards the new root, splitting off where a tree arc saturates.</summary>
        private void PushExcess(int from)
        {
            int current = from;
            long before = 0;
            while (_excess[current] > 0 && _parent[current] >= 0)
            {
                int parent = _parent[current];
                before = _excess[parent];
                long excess = _excess[current];
                if (_up[current] || _flow[current] >= excess)
                {
                    _flow[current] += _up[current] ? excess : -excess;
                    _excess[parent] += excess;
                    _excess[current] = 0;
                }
                else
                {
                    // Against a precedence arc the residual is its flow: push that, and the rest stays here as a new strong tree.
                    long moved = _flow[current];
                    _excess[parent] += moved;
                    _excess[current] -= moved;
                    _flow[current] = 0;
                    RemoveChild(parent, current);
                    AddStrongRoot(current);
                }

                current = parent;
            }

            if (_parent[current] < 0 && _excess[current] > 0 && before <= 0)
            {
                AddStrongRoot(current);
            }
        }

        private void AddChild(int parent, int child)
        {
            _parent[child] = parent;
            _previousSibling[child] = -1;
            _nextSibling[child] = _firstChild[parent];
            if (_firstChild[parent] >= 0)
            {
                _previousSibling[_firstChild[parent]] = child;
            }

            _firstChild[parent] = child;
        }

        private void RemoveChild(int parent, int child)
        {
            int previous = _previousSibling[child], next = _nextSibling[child];
            if (previous >= 0)
            {
                _nextSibling[previous] = next;
            }
            else
            {
                _firstChild[parent] = next;
            }

            if (next >= 0)
            {
                _previousSibling[next] = previous;
            }

            _parent[child] = -1;
            _nextSibling[child] = -1;
            _previousSibling[child] = -1;
        }
    }
}
