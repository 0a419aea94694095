"""The web app (``maplepath serve``): the questionnaire, the results, on loopback.

``create_app`` builds the FastAPI application; ``web.form`` is the questionnaire and the way
its answers become a profile; ``web.results`` what the results page shows of an assessment.
"""
