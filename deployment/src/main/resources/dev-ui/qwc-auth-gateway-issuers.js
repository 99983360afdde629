import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/grid';
import '@vaadin/button';

/** The local issuers and their key sets: source, key ids, last fetch, last error. */
export class QwcAuthGatewayIssuers extends LitElement {
    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 10px; padding: 10px; height: 100%; }
        vaadin-grid { height: 100%; }
    `;

    static properties = { _issuers: { state: true } };

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
    }

    _refresh() {
        this.jsonRpc.getIssuers().then(response => { this._issuers = response.result; });
    }

    render() {
        if (!this._issuers) {
            return html`<span>Loading the issuers...</span>`;
        }
        if (this._issuers.length === 0) {
            return html`<span>No local issuer is configured (quarkus.auth-gateway.jwt.*).</span>`;
        }
        return html`
            <vaadin-button @click=${() => this._refresh()}>Refresh</vaadin-button>
            <vaadin-grid .items=${this._issuers} theme="row-stripes" all-rows-visible>
                <vaadin-grid-column path="name" header="Issuer"></vaadin-grid-column>
                <vaadin-grid-column path="state" header="State"></vaadin-grid-column>
                <vaadin-grid-column path="source" header="Keys from" auto-width></vaadin-grid-column>
                <vaadin-grid-column path="kids" header="Key ids"></vaadin-grid-column>
                <vaadin-grid-column path="lastFetch" header="Last fetch"></vaadin-grid-column>
                <vaadin-grid-column path="lastError" header="Last error"></vaadin-grid-column>
                <vaadin-grid-column path="fetches" header="Fetches"></vaadin-grid-column>
                <vaadin-grid-column path="failures" header="Failures"></vaadin-grid-column>
            </vaadin-grid>`;
    }
}
customElements.define('qwc-auth-gateway-issuers', QwcAuthGatewayIssuers);
