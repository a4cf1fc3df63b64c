using DepositTwin.Twin;
using TwinWriter;

// Writes versions to the store given until killed, printing each committed version id.
string path = args[0];
MineTwin twin = File.Exists(path) ? MineTwin.Open(path, Soak.Settings) : Soak.Create(path);
for (int batch = 0; ; batch++)
{
    TwinUpdate update = twin.Apply(Soak.Batch(twin, batch));
    Console.Out.WriteLine(update.Version.Id);
    Console.Out.Flush();
}
