"""The only Streamlit-aware helpers: cached loaders, the shared sidebar, URL sync.

Pages import from here and from `analysis`; `analysis` never imports this.
"""
