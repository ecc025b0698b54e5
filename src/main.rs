//! The `reg` binary: parse the command line, run the command, exit with
//! the code SPEC §8 gives its outcome.

mod cli;

// Loading a registry is many small allocations on every core; glibc's
// allocator spent a third of `reg list` in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(cli::main())
}
