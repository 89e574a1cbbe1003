"""Storage layer: SQLModel tables, engine, unit of work, repositories, migrations."""
