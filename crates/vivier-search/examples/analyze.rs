//! Prints the terms the French analyzer produces for each argument:
//! `cargo run -p vivier-search --example analyze -- "Développeur·se Rust"`.

fn main() {
    for text in std::env::args().skip(1) {
        println!("{text:?} → {:?}", vivier_search::analyze(&text));
    }
}
