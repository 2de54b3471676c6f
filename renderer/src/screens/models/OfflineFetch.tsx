import { useState } from 'react';
import { formatBytes } from '../../../../main/contract/format.js';
import type { CatalogModel } from '../../../../main/contract/services/models.js';

/**
 * What a candidate on a slow or no connection needs to fetch a catalog model elsewhere and bring it
 * over: the exact file name, size, SHA-256 and address of each file. It is then added with "Import".
 */
export function OfflineFetch({ model }: { model: CatalogModel }) {
  return (
    <details className="models-offline small" data-testid={`offline-${model.id}`}>
      <summary>Get it on another computer</summary>
      {model.files ? (
        <>
          <p className="muted">
            This model is a folder of {model.files.length} files. Download each one there, put them in one folder named{' '}
            <code>{model.fileName}</code>, bring it over, then choose that folder under “Import a model file” below.
          </p>
          {model.files.map((file) => (
            <FileFacts key={file.fileName} {...file} />
          ))}
        </>
      ) : (
        <>
          <FileFacts
            fileName={model.fileName}
            sizeBytes={model.sizeBytes}
            sha256={model.sha256}
            address={model.address}
          />
          <p className="muted">
            Download the file there (a browser or <code>curl -LO</code> with the address), bring it over on a USB stick,
            then choose it under “Import a model file” below.
          </p>
        </>
      )}
    </details>
  );
}

interface FileFactsProps {
  fileName: string;
  sizeBytes: number;
  sha256: string | null;
  address: string;
}

/** One file's exact name, size, SHA-256 and address, with a button that copies the address. */
function FileFacts({ fileName, sizeBytes, sha256, address }: FileFactsProps) {
  const [copied, setCopied] = useState(false);
  const served = address.split('/').at(-1) ?? fileName;
  const copy = () =>
    void navigator.clipboard?.writeText(address).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <dl className="kv">
      <dt>File name</dt>
      <dd>
        <code>{fileName}</code>
        {served !== fileName && (
          <span className="muted">
            {' '}
            (the address serves it as <code>{served}</code>; either name imports)
          </span>
        )}
      </dd>
      <dt>Size</dt>
      <dd className="tabular">
        {sizeBytes.toLocaleString('en-US')} bytes ({formatBytes(sizeBytes)})
      </dd>
      <dt>SHA-256</dt>
      <dd>
        {sha256 ? (
          <code className="models-hash">{sha256}</code>
        ) : (
          <span className="muted">
            Not listed in the catalog. Compare with the SHA-256 the source page shows for this file; the exact size
            above is checked when you import it.
          </span>
        )}
      </dd>
      <dt>Address</dt>
      <dd className="models-address">
        <code>{address}</code>{' '}
        <button type="button" className="button small" onClick={copy} aria-label={`Copy the address of ${fileName}`}>
          {copied ? 'Copied' : 'Copy address'}
        </button>
      </dd>
    </dl>
  );
}
