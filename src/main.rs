fn main() -> std::process::ExitCode {
    align::cli::main()
}
