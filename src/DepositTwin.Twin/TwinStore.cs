using System.Globalization;
using System.Runtime.InteropServices;
using DepositTwin.BlockModels;
using DepositTwin.Geometry;
using DepositTwin.Samples;
using Microsoft.Data.Sqlite;

namespace DepositTwin.Twin;

/// <summary>
/// A twin's versions in SQLite: the grid and attributes once, then per version its record, the block values
/// it changed (per attribute, the rows and their new values as blobs), the samples it added and the mill
/// report. Every version is one transaction, so an interrupted update (exception, cancellation, a killed
/// process) leaves the store at the last committed version; the journal is SQLite's write-ahead log.
/// </summary>
internal sealed class TwinStore
{
    private readonly string _connection;

    private TwinStore(string path)
    {
        _connection = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
    }

    public static TwinStore Create(string path, BlockModel model)
    {
        if (File.Exists(path))
        {
            throw new IOException($"The twin store '{path}' exists already: open it instead.");
        }

        var store = new TwinStore(path);
        using SqliteConnection c = store.Connect();
        using SqliteTransaction tx = c.BeginTransaction();
        Execute(c, tx, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE attributes (name TEXT PRIMARY KEY, kind INTEGER NOT NULL, unit TEXT NOT NULL, description TEXT NOT NULL, position INTEGER NOT NULL);
            CREATE TABLE versions (id INTEGER PRIMARY KEY, timestamp TEXT NOT NULL UNIQUE, description TEXT NOT NULL, blocks INTEGER NOT NULL, tonnes REAL NOT NULL, metal REAL NOT NULL);
            CREATE TABLE deltas (version INTEGER NOT NULL REFERENCES versions(id), attribute TEXT NOT NULL, rows BLOB NOT NULL, vals BLOB NOT NULL);
            CREATE TABLE samples (version INTEGER NOT NULL REFERENCES versions(id), source INTEGER NOT NULL, variable TEXT NOT NULL, data BLOB NOT NULL, fields INTEGER NOT NULL DEFAULT 5);
            CREATE TABLE mill (version INTEGER NOT NULL REFERENCES versions(id), period INTEGER PRIMARY KEY, tonnes REAL NOT NULL, grade REAL NOT NULL);
            """);
        GridDefinition g = model.Grid;
        var inv = CultureInfo.InvariantCulture;
        Execute(c, tx, "INSERT INTO meta VALUES ('grid', $v)", ("$v", string.Create(inv,
            $"{g.Origin.X:R} {g.Origin.Y:R} {g.Origin.Z:R} {g.BlockSize.X:R} {g.BlockSize.Y:R} {g.BlockSize.Z:R} {g.CountX} {g.CountY} {g.CountZ} {g.Azimuth:R}")));
        Execute(c, tx, "INSERT INTO meta VALUES ('rows', $v)", ("$v", Convert.ToBase64String(MemoryMarshal.AsBytes(Enumerable.Range(0, model.Count).Select(model.BlockOf).ToArray().AsSpan()))));
        int position = 0;
        foreach (BlockAttribute a in model.Attributes)
        {
            Execute(c, tx, "INSERT INTO attributes VALUES ($n, $k, $u, $d, $p)", ("$n", a.Name), ("$k", (int)a.Kind), ("$u", a.Unit), ("$d", a.Description), ("$p", position++));
        }

        tx.Commit();
        return store;
    }

    public static TwinStore Open(string path) =>
        File.Exists(path) ? new TwinStore(path) : throw new FileNotFoundException($"No twin store at '{path}'.", path);

    private const int SampleFields = 6;

    /// <summary>Writes a version in one transaction: all of it or none.</summary>
    public void Commit(TwinVersion version, BlockModel model, int[] changedRows, IReadOnlyList<(SampleSource Source, SampleSet Samples)> samples, (int Period, Production Mill)? mill)
    {
        using SqliteConnection c = Connect();
        using SqliteTransaction tx = c.BeginTransaction();
        Execute(c, tx, "INSERT INTO versions VALUES ($i, $t, $d, $b, $to, $m)", ("$i", version.Id), ("$t", version.Timestamp.ToString("O", CultureInfo.InvariantCulture)),
            ("$d", version.Description), ("$b", version.BlocksChanged), ("$to", version.OreTonnes), ("$m", version.OreMetal));
        // Attributes the model gained since the store was made (a re-plan's value and pit).
        long known = (long)Scalar(c, tx, "SELECT COUNT(*) FROM attributes");
        foreach (BlockAttribute a in model.Attributes.Skip((int)known))
        {
            Execute(c, tx, "INSERT INTO attributes VALUES ($n, $k, $u, $d, $p)", ("$n", a.Name), ("$k", (int)a.Kind), ("$u", a.Unit), ("$d", a.Description), ("$p", known++));
        }

        if (changedRows.Length > 0)
        {
            byte[] rows = MemoryMarshal.AsBytes(changedRows.AsSpan()).ToArray();
            foreach (BlockAttribute a in model.Attributes)
            {
                double[] values = changedRows.Select(a.GetDouble).ToArray();
                Execute(c, tx, "INSERT INTO deltas VALUES ($v, $a, $r, $x)", ("$v", version.Id), ("$a", a.Name), ("$r", rows), ("$x", MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));
            }
        }

        foreach ((SampleSource source, SampleSet set) in samples)
        {
            string variable = set.Columns.First();
            // x, y, z, value, hole, domain per sample (ids and codes are exact as doubles).
            var data = new double[set.Count * SampleFields];
            for (int i = 0; i < set.Count; i++)
            {
                (data[6 * i], data[6 * i + 1], data[6 * i + 2], data[6 * i + 3], data[6 * i + 4], data[6 * i + 5]) =
                    (set.Locations[i].X, set.Locations[i].Y, set.Locations[i].Z, set.Values(variable)[i], set.HoleIds[i], set.Domains[i]);
            }

            Execute(c, tx, "INSERT INTO samples VALUES ($v, $s, $n, $d, $f)", ("$v", version.Id), ("$s", (int)source), ("$n", variable),
                ("$d", MemoryMarshal.AsBytes(data.AsSpan()).ToArray()), ("$f", SampleFields));
        }

        if (mill is { } m)
        {
            Execute(c, tx, "INSERT INTO mill VALUES ($v, $p, $t, $g)", ("$v", version.Id), ("$p", m.Period), ("$t", m.Mill.Tonnes), ("$g", m.Mill.Grade));
        }

        tx.Commit();
    }

    /// <summary>The state as of a version (int.MaxValue: the latest): the block model, the versions, the samples and the mill reports.</summary>
    public (BlockModel Model, List<TwinVersion> Versions, List<(SampleSource Source, SampleSet Samples)> Samples, List<(int Period, Production Mill)> Mill) Load(int upTo)
    {
        using SqliteConnection c = Connect();
        double[] g = Scalar(c, "SELECT value FROM meta WHERE key = 'grid'").Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var grid = new GridDefinition(new Point3(g[0], g[1], g[2]), new Point3(g[3], g[4], g[5]), (int)g[6], (int)g[7], (int)g[8], g[9]);
        int[] blocks = MemoryMarshal.Cast<byte, int>(Convert.FromBase64String(Scalar(c, "SELECT value FROM meta WHERE key = 'rows'"))).ToArray();
        var model = BlockModel.WithActiveBlocks(grid, blocks);
        using (SqliteDataReader r = Query(c, "SELECT name, kind, unit, description FROM attributes ORDER BY position"))
        {
            while (r.Read())
            {
                if ((AttributeKind)r.GetInt32(1) == AttributeKind.Double)
                {
                    model.AddDouble(r.GetString(0), r.GetString(2), r.GetString(3));
                }
                else
                {
                    model.AddInteger(r.GetString(0), r.GetString(2), r.GetString(3));
                }
            }
        }

        var versions = new List<TwinVersion>();
        using (SqliteDataReader r = Query(c, "SELECT id, timestamp, description, blocks, tonnes, metal FROM versions WHERE id <= $u ORDER BY id", ("$u", upTo)))
        {
            while (r.Read())
            {
                versions.Add(new TwinVersion(r.GetInt32(0), DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture), r.GetString(2), r.GetInt32(3), r.GetDouble(4), r.GetDouble(5)));
            }
        }

        if (versions.Count == 0 || (upTo != int.MaxValue && versions[^1].Id != upTo))
        {
            throw new ArgumentOutOfRangeException(nameof(upTo), upTo, $"The store has no version {upTo}.");
        }

        using (SqliteDataReader r = Query(c, "SELECT attribute, rows, vals FROM deltas WHERE version <= $u ORDER BY version", ("$u", upTo)))
        {
            while (r.Read())
            {
                BlockAttribute a = model[r.GetString(0)];
                int[] rows = MemoryMarshal.Cast<byte, int>((byte[])r[1]).ToArray();
                double[] values = MemoryMarshal.Cast<byte, double>((byte[])r[2]).ToArray();
                for (int i = 0; i < rows.Length; i++)
                {
                    switch (a)
                    {
                        case DoubleAttribute d: d[rows[i]] = values[i]; break;
                        case IntegerAttribute n: n[rows[i]] = double.IsNaN(values[i]) ? IntegerAttribute.Missing : (int)values[i]; break;
                    }
                }
            }
        }

        var samples = new List<(SampleSource, SampleSet)>();
        // Stores written before sample domains were kept have five fields per sample and no "fields" column.
        bool hasFields;
        using (SqliteDataReader r = Query(c, "SELECT COUNT(*) FROM pragma_table_info('samples') WHERE name = 'fields'"))
        {
            hasFields = r.Read() && r.GetInt64(0) > 0;
        }

        using (SqliteDataReader r = Query(c, $"SELECT source, variable, data, {(hasFields ? "fields" : "5")} FROM samples WHERE version <= $u ORDER BY rowid", ("$u", upTo)))
        {
            while (r.Read())
            {
                double[] d = MemoryMarshal.Cast<byte, double>((byte[])r[2]).ToArray();
                int f = r.GetInt32(3), n = d.Length / f;
                var set = SampleSet.Of(Enumerable.Range(0, n).Select(i => new Point3(d[f * i], d[f * i + 1], d[f * i + 2])).ToArray(),
                    r.GetString(1), Enumerable.Range(0, n).Select(i => d[f * i + 3]).ToArray(), Enumerable.Range(0, n).Select(i => (int)d[f * i + 4]).ToArray());
                samples.Add(((SampleSource)r.GetInt32(0), f > 5 ? set.WithDomains(Enumerable.Range(0, n).Select(i => (int)d[f * i + 5]).ToArray()) : set));
            }
        }

        var mill = new List<(int, Production)>();
        using (SqliteDataReader r = Query(c, "SELECT period, tonnes, grade FROM mill WHERE version <= $u", ("$u", upTo)))
        {
            while (r.Read())
            {
                mill.Add((r.GetInt32(0), new Production(r.GetDouble(1), r.GetDouble(2))));
            }
        }

        return (model, versions, samples, mill);
    }

    private SqliteConnection Connect()
    {
        var c = new SqliteConnection(_connection);
        c.Open();
        return c;
    }

    private static void Execute(SqliteConnection c, SqliteTransaction tx, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    private static SqliteDataReader Query(SqliteConnection c, string sql, params (string Name, object Value)[] parameters)
    {
        SqliteCommand command = c.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteReader();
    }

    private static object Scalar(SqliteConnection c, SqliteTransaction tx, string sql)
    {
        using SqliteCommand command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command.ExecuteScalar()!;
    }

    private static string Scalar(SqliteConnection c, string sql)
    {
        using SqliteCommand command = c.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }
}
