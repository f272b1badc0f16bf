/**
 * Every encrypted column (DS-03), in one place: key rotation re-encrypts
 * each of them, and the at-rest test checks them. `field` is the additional
 * authenticated data the value was encrypted with (FieldCrypto binds a
 * ciphertext to its field). Add a row when a domain adds an `*_enc` column.
 */
export type EncryptedColumn = {
  table: string;
  /** a unique, sortable key for keyset batches */
  idColumn: string;
  column: string;
  field: string;
};

export const encryptedColumns: readonly EncryptedColumn[] = [
  { table: 'customers', idColumn: 'id', column: 'id_number_enc', field: 'customer.id_number' },
  { table: 'customer_contacts', idColumn: 'id', column: 'value_enc', field: 'contact.value' },
  { table: 'holdings', idColumn: 'id', column: 'account_no_enc', field: 'holding.account_no' },
  { table: 'customer_import_runs', idColumn: 'id', column: 'file_enc', field: 'customer_import.file' },
  { table: 'customer_import_runs', idColumn: 'id', column: 'rejects_enc', field: 'customer_import.rejects' },
];
