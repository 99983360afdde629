import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/grid';
import '@vaadin/button';
import '@vaadin/select';
import '@vaadin/text-field';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';

/** The revocation list, with revoke (subject, session, client) and lift. */
export class QwcAuthGatewayRevocations extends LitElement {
    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 10px; padding: 10px; height: 100%; }
        .form { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
        .error { color: var(--lumo-error-text-color); }
        vaadin-grid { height: 100%; }
    `;

    static properties = {
        _entries: { state: true },
        _kind: { state: true },
        _error: { state: true },
    };

    constructor() {
        super();
        this._kind = 'subject';
        this._kinds = [
            { label: 'Subject (sub or Basic user)', value: 'subject' },
            { label: 'Session (sid)', value: 'session' },
            { label: 'Client (azp or client_id)', value: 'client' },
        ];
    }

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
    }

    _refresh() {
        this.jsonRpc.getRevocations().then(response => { this._entries = response.result; });
    }

    _revoke() {
        const id = this.renderRoot.querySelector('#revoke-id').value;
        const reason = this.renderRoot.querySelector('#revoke-reason').value;
        this.jsonRpc.revoke({ kind: this._kind, id: id, reason: reason })
            .then(() => { this._error = null; this._refresh(); })
            .catch(error => { this._error = error.error?.message ?? String(error); });
    }

    _lift(entry) {
        this.jsonRpc.lift({ kind: entry.kind, id: entry.id }).then(() => this._refresh());
    }

    render() {
        return html`
            <div class="form">
                <vaadin-select id="revoke-kind" label="Revoke" .items=${this._kinds} .value=${this._kind}
                    @value-changed=${event => { this._kind = event.detail.value; }}></vaadin-select>
                <vaadin-text-field id="revoke-id" label="Id"></vaadin-text-field>
                <vaadin-text-field id="revoke-reason" label="Reason"></vaadin-text-field>
                <vaadin-button id="revoke" theme="primary" @click=${() => this._revoke()}>Revoke</vaadin-button>
                <vaadin-button @click=${() => this._refresh()}>Refresh</vaadin-button>
            </div>
            ${this._error ? html`<span class="error">${this._error}</span>` : ''}
            ${this._entries ? this._grid() : html`<span>Loading the revocations...</span>`}`;
    }

    _grid() {
        return html`
            <vaadin-grid .items=${this._entries} theme="row-stripes" class="revocations">
                <vaadin-grid-column path="kind" header="Kind" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="id" header="Id" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="reason" header="Reason"></vaadin-grid-column>
                <vaadin-grid-column path="revokedAt" header="Revoked" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="expiresAt" header="Until" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="" auto-width ${columnBodyRenderer(entry => html`
                    <vaadin-button theme="small" @click=${() => this._lift(entry)}>Lift</vaadin-button>`, [])}>
                </vaadin-grid-column>
            </vaadin-grid>`;
    }
}
customElements.define('qwc-auth-gateway-revocations', QwcAuthGatewayRevocations);
