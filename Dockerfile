FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PORT=8000 WEB_CONCURRENCY=2
WORKDIR /app

COPY pyproject.toml ./
RUN pip install --no-cache-dir .
COPY . .
RUN python manage.py collectstatic --noinput

EXPOSE 8000
# Migrations and the bundled data are applied at each start; both are idempotent.
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py import_ll2 --skip-if-synced fixtures/ll2/*.txt && exec gunicorn -c lldapi/gunicorn.py lldapi.wsgi"]
