import { useState } from 'react';
import { formatBytes } from '../../../../main/contract/format.js';
import type { CatalogModel } from '../../../../main/contract/services/models.js';

/**
 * What a candidate on a slow or no connection needs to fetch a catalog model elsewhere and bring it
 * over: the exact file name, size, SHA-256 and address. The file is then added with "Import".
 */
export function OfflineFetch({ model }: { model: CatalogModel }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard?.writeText(model.address).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <details className="models-offline small" data-testid={`offline-${model.id}`}>
      <summary>Get it on another computer</summary>
      <dl className="kv">
        <dt>File name</dt>
        <dd>
          <code>{model.fileName}</code>
        </dd>
        <dt>Size</dt>
        <dd className="tabular">
          {model.sizeBytes.toLocaleString('en-US')} bytes ({formatBytes(model.sizeBytes)})
        </dd>
        <dt>SHA-256</dt>
        <dd>
          {model.sha256 ? (
            <code className="models-hash">{model.sha256}</code>
          ) : (
            <span className="muted">
              Not listed in the catalog. Compare with the SHA-256 the source page shows for this file; the exact size
              above is checked when you import it.
            </span>
          )}
        </dd>
        <dt>Address</dt>
        <dd className="models-address">
          <code>{model.address}</code>{' '}
          <button type="button" className="button small" onClick={copy}>
            {copied ? 'Copied' : 'Copy address'}
          </button>
        </dd>
      </dl>
      <p className="muted">
        Download the file there (a browser or <code>curl -LO</code> with the address), bring it over on a USB stick,
        then choose it under “Import a model file” below.
      </p>
    </details>
  );
}
