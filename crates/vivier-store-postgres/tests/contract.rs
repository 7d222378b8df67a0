//! The storage contract suite on PostgreSQL, when `VIVIER_TEST_POSTGRES` names a server
//! (`postgres://postgres@127.0.0.1:5432/postgres`). Each test works in a schema of its own.

use std::sync::Arc;

use vivier_store::Store;
use vivier_store_postgres::testing::private_schema;

async fn fresh_store() -> Option<Arc<dyn Store>> {
    let schema = private_schema("the storage contract suite").await?;
    Some(Arc::new(schema.store))
}

vivier_store::store_contract_tests!(fresh_store());
