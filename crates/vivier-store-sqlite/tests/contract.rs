//! The storage contract suite, on SQLite (always).

vivier_store::store_contract_tests!(async {
    let store = vivier_store_sqlite::SqliteStore::in_memory()
        .await
        .expect("in-memory SQLite");
    Some(std::sync::Arc::new(store) as std::sync::Arc<dyn vivier_store::Store>)
});
