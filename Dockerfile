FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml requirements.lock ./
RUN pip install --no-cache-dir -c requirements.lock "Django>=5.2,<5.3" psycopg2-binary dj-database-url \
    whitenoise "django-prose-editor[sanitize]" nh3 Pillow redis chinesecalendar python-docx openpyxl pypdf gunicorn \
    rjieba django-ninja
COPY . .
RUN pip install --no-cache-dir -c requirements.lock --no-deps -e . \
 && DEBUG=1 python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
