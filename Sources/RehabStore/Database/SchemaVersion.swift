extension RehabStore {
    /// The database schema this rehab writes: how many migrations it knows, and the last one's name.
    public static var schemaVersion: (number: Int, name: String) {
        let migrations = Schema.migrator.migrations
        return (migrations.count, migrations.last ?? "none")
    }
}
