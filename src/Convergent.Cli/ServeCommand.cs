using System.CommandLine;
using Convergent.Dashboard;

namespace Convergent.Cli;

/// <summary>
/// <c>convergent serve [--store TARGET] [--host H] [--port P] [--allow-remote]</c> (an extension of the CLI contract):
/// the live dashboard over the run store, on 127.0.0.1 unless <c>--allow-remote</c> is given with another address.
/// Runs until Ctrl+C or SIGTERM.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "Address to listen on (default 127.0.0.1; another address needs --allow-remote)", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to listen on (0: any free port)", DefaultValueFactory = _ => 8421 };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Allow a non-loopback --host: anyone who can reach it can read the runs" };
        var cmd = new Command("serve", "Serve the live dashboard of the runs in the run store") { host, port, allowRemote };
        var store = new StoreOptions().AddTo(cmd, recording: false);
        cmd.SetAction(r => Program.Guard(() => Run(new DashboardOptions
        {
            Store = r.GetValue(store.Store), Host = r.GetValue(host)!, Port = r.GetValue(port), AllowRemote = r.GetValue(allowRemote),
        }, Console.Out)));
        return cmd;
    }

    public static int Run(DashboardOptions options, TextWriter output)
    {
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        // a service manager or `kill` stops it with SIGTERM: shut down as cleanly as on Ctrl+C
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM,
            c => { c.Cancel = true; stop.Cancel(); });
        try
        {
            DashboardServer server;
            try { server = DashboardServer.StartAsync(options).GetAwaiter().GetResult(); }
            catch (IOException e) { throw new ArgumentException($"cannot listen on {options.Host}:{options.Port}: {e.Message}", e); }
            output.WriteLine($"Convergent dashboard on {server.Address} — runs from {server.Store.Description}");
            if (!server.Loopback)
                output.WriteLine($"WARNING: listening on {options.Host}, not only on loopback (--allow-remote): anyone who can reach this machine can read the runs; there is no login.");
            output.WriteLine("Press Ctrl+C to stop.");
            server.RunUntilCancelledAsync(stop.Token).GetAwaiter().GetResult();
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return ExitCodes.Ok;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
