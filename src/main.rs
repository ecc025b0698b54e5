//! The `reg` binary: parse the command line, run the command, exit with
//! the code SPEC §8 gives its outcome.

mod cli;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(cli::main())
}
